import {
  addLane,
  LANE_KINDS,
  laneDepartment,
  mayManageLanesOf,
  mayMoveLaneBetweenDepartments,
  type Role,
  moveLane,
  newLaneDepartment,
  readBoard,
  removeLane,
  renameLane,
  restoreLane,
  SHARED_DEPARTMENT,
  setLaneDepartment,
  structureDocName,
} from '@journeyboard/board-model';
import * as v from 'valibot';
import type { BoardAccess } from '../auth/roles.ts';
import { type ApiDependencies, readBody, requireAccess } from './api-context.ts';
import { HttpError, sendJson } from './responses.ts';
import type { Router } from './router.ts';

const NewLane = v.object(
  {
    name: v.string('name must be text'),
    kind: v.picklist(LANE_KINDS, 'kind is not a kind of lane'),
    department: v.optional(v.string('department must be text')),
    index: v.optional(v.number('index must be a number')),
  },
  'Send {"name", "kind"} as JSON, with "department" and "index" (its position among the lanes) if wanted',
);
const ChangeLane = v.object(
  {
    name: v.optional(v.string('name must be text')),
    index: v.optional(v.number('index must be a number')),
    department: v.optional(v.string('department must be text')),
  },
  'Send {"name"}, {"index"} or {"department"} as JSON',
);

/**
 * The roles that manage lanes at all (a lead only those of their own department). Everyone else
 * is refused for their role, before anything is said about the lane.
 */
const LANE_MANAGERS: readonly Role[] = ['owner', 'facilitator', 'lead'];

/** Refuses, saying why, a lead who reaches for a lane of another department or a shared lane. */
function checkManages(access: BoardAccess, department: string): void {
  if (mayManageLanesOf(access, department)) return;
  if (department === SHARED_DEPARTMENT) {
    throw new HttpError(
      403,
      'SHARED_LANE',
      'This lane is shared by every department: only the owner and facilitators change it',
    );
  }
  throw new HttpError(
    403,
    'LANE_OF_OTHER_DEPARTMENT',
    'This lane belongs to another department: a lead changes the lanes of their own department only',
  );
}

/**
 * Lane commands, for those who may manage some lanes but not write the structure document: a
 * department lead adds, renames, reorders and removes the lanes of their own department. The
 * server checks the role, then writes the structure document itself.
 */
export function addLaneRoutes(router: Router, deps: ApiDependencies): void {
  const { writer, log, boards } = deps;

  router.add('POST', '/api/boards/:id/lanes', async ({ req, res, params }) => {
    const boardId = params.id!;
    const { access } = await requireAccess(deps, req, res, boardId, LANE_MANAGERS);
    const body = await readBody(req, NewLane);
    // A lead's lanes belong to the lead's department, whatever the request says.
    const department = newLaneDepartment(access, body.department);
    checkManages(access, department);
    const laneId = await writer.change(boardId, structureDocName(boardId), (doc) =>
      addLane(doc, { name: body.name, kind: body.kind, department }, body.index),
    );
    log.info({ boardId, laneId, department }, 'lane added by command');
    sendJson(res, 201, { laneId });
  });

  router.add('PATCH', '/api/boards/:id/lanes/:laneId', async ({ req, res, params }) => {
    const boardId = params.id!;
    const laneId = params.laneId!;
    const { access } = await requireAccess(deps, req, res, boardId, LANE_MANAGERS);
    const body = await readBody(req, ChangeLane);
    await writer.change(boardId, structureDocName(boardId), (doc) => {
      const current = laneDepartment(doc, laneId);
      if (current === null) throw new HttpError(404, 'UNKNOWN_LANE', `Lane "${laneId}" not found`);
      checkManages(access, current);
      if (body.department !== undefined && body.department !== current) {
        if (!mayMoveLaneBetweenDepartments(access)) {
          throw new HttpError(
            403,
            'LANE_MOVE_NOT_ALLOWED',
            'Only facilitators move a lane to another department',
          );
        }
        setLaneDepartment(doc, laneId, body.department);
      }
      if (body.name !== undefined) renameLane(doc, laneId, body.name);
      if (body.index !== undefined) moveLane(doc, laneId, body.index);
    });
    sendJson(res, 200, { laneId });
  });

  router.add('DELETE', '/api/boards/:id/lanes/:laneId', async ({ req, res, params }) => {
    const boardId = params.id!;
    const laneId = params.laneId!;
    const { access } = await requireAccess(deps, req, res, boardId, LANE_MANAGERS);
    const removed = await writer.change(boardId, structureDocName(boardId), (doc) => {
      const lane = readBoard(doc).lanes.find((candidate) => candidate.id === laneId);
      if (lane === undefined) throw new HttpError(404, 'UNKNOWN_LANE', `Lane "${laneId}" not found`);
      checkManages(access, lane.department);
      removeLane(doc, laneId);
      return lane;
    });
    // Its lane document stays: bringing the lane back (below) brings its cards back.
    try {
      await boards.keepRemovedLane(boardId, removed, access.userId ?? 'unknown');
    } catch (error) {
      // The lane is gone either way: say so, and that it cannot be brought back.
      log.error({ err: error, boardId, laneId }, 'could not keep a removed lane to bring it back');
      sendJson(res, 200, { removed: true, restorable: false });
      return;
    }
    log.info({ boardId, laneId, department: removed.department }, 'lane removed by command');
    sendJson(res, 200, { removed: true });
  });

  router.add('POST', '/api/boards/:id/lanes/:laneId/restore', async ({ req, res, params }) => {
    const boardId = params.id!;
    const laneId = params.laneId!;
    const { access } = await requireAccess(deps, req, res, boardId, LANE_MANAGERS);
    const removed = await boards.removedLane(boardId, laneId);
    if (removed === null) {
      throw new HttpError(
        404,
        'LANE_NOT_RESTORABLE',
        `Lane "${laneId}" was not removed in the last day, or was brought back already`,
      );
    }
    const { lane, removedAt } = removed;
    checkManages(access, lane.department);
    await writer.change(boardId, structureDocName(boardId), (doc) => restoreLane(doc, lane));
    await boards.forgetRemovedLane(boardId, laneId, removedAt);
    log.info({ boardId, laneId, department: lane.department }, 'lane brought back by command');
    sendJson(res, 200, { laneId });
  });
}
