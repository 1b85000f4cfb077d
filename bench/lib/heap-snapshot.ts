/**
 * Reading V8 heap snapshots (`.heapsnapshot`, as DevTools and the inspector write them) for what
 * grew between two of them taken in the same process.
 *
 * Two views: objects counted by kind and constructor name (DevTools' "Comparison"), and the new
 * objects (their ids, which V8 keeps for an object across the snapshots of one process, were not
 * in the first) grouped by where they hang: following each new object's retainers up to the first
 * object that was already there, and naming that object and the path. A leak shows as many new
 * objects under one old holder: `object:AccessExtension .expiries`.
 *
 * A snapshot is read from its bytes: the node and edge arrays (numbers) straight into typed
 * arrays, and only the string table through JSON.parse, so that a snapshot of a few hundred MB
 * needs little more than its size in this process.
 */
import { readFileSync } from 'node:fs';

/** Objects of one kind and name: how many, and their own (shallow) size in bytes. */
export interface HeapGroup {
  count: number;
  selfSize: number;
}

/** Kinds whose nodes are told apart by name (a constructor's, a function's); the rest by kind alone. */
const NAMED_KINDS = new Set(['object', 'closure', 'native']);

interface SnapshotMeta {
  node_fields: string[];
  node_types: [string[], ...unknown[]];
  edge_fields: string[];
  edge_types: [string[], ...unknown[]];
}

/** One heap snapshot, read. Nodes are numbered 0…n-1 (their index in the node array ÷ its width). */
export class HeapSnapshot {
  readonly nodeCount: number;
  private readonly nodes: Float64Array;
  private readonly edges: Uint32Array;
  private readonly strings: string[];
  private readonly nodeWidth: number;
  private readonly edgeWidth: number;
  private readonly field: { type: number; name: number; id: number; size: number; edges: number };
  private readonly edgeField: { type: number; name: number; to: number };
  private readonly kinds: string[];
  private readonly edgeKinds: string[];
  /** Index of each node's first edge in `edges` (as edges are listed: node after node). */
  private readonly firstEdge: Uint32Array;
  private retainerOf: Int32Array | null = null;
  private retainingEdge: Int32Array | null = null;

  constructor(file: string) {
    const bytes = readFileSync(file);
    const nodesAt = indexOf(bytes, '"nodes":[');
    const head = bytes.toString('utf8', 0, nodesAt).replace(/,\s*$/, '');
    const { snapshot } = JSON.parse(`${head}}`) as { snapshot: { meta: SnapshotMeta } };
    const meta = snapshot.meta;
    this.nodeWidth = meta.node_fields.length;
    this.edgeWidth = meta.edge_fields.length;
    this.field = {
      type: meta.node_fields.indexOf('type'),
      name: meta.node_fields.indexOf('name'),
      id: meta.node_fields.indexOf('id'),
      size: meta.node_fields.indexOf('self_size'),
      edges: meta.node_fields.indexOf('edge_count'),
    };
    this.edgeField = {
      type: meta.edge_fields.indexOf('type'),
      name: meta.edge_fields.indexOf('name_or_index'),
      to: meta.edge_fields.indexOf('to_node'),
    };
    this.kinds = meta.node_types[0];
    this.edgeKinds = meta.edge_types[0];

    const nodes = readNumbers(bytes, nodesAt + '"nodes":['.length);
    // Sizes can pass 2^32 in theory; ids and sizes fit a double.
    this.nodes = Float64Array.from(nodes.values);
    const edgesAt = indexOf(bytes, '"edges":[', nodes.end);
    const edges = readNumbers(bytes, edgesAt + '"edges":['.length);
    this.edges = Uint32Array.from(edges.values);
    const stringsAt = indexOf(bytes, '"strings":[', edges.end);
    const tail = bytes.toString('utf8', stringsAt + '"strings":'.length).trimEnd();
    this.strings = JSON.parse(tail.replace(/}\s*$/, '')) as string[];

    this.nodeCount = this.nodes.length / this.nodeWidth;
    this.firstEdge = new Uint32Array(this.nodeCount + 1);
    for (let node = 0, edge = 0; node < this.nodeCount; node++) {
      this.firstEdge[node] = edge;
      edge += this.nodes[node * this.nodeWidth + this.field.edges]! * this.edgeWidth;
      this.firstEdge[node + 1] = edge;
    }
  }

  kindOf(node: number): string {
    return this.kinds[this.nodes[node * this.nodeWidth + this.field.type]!] ?? 'unknown';
  }

  nameOf(node: number): string {
    return this.strings[this.nodes[node * this.nodeWidth + this.field.name]!] ?? '';
  }

  idOf(node: number): number {
    return this.nodes[node * this.nodeWidth + this.field.id]!;
  }

  selfSizeOf(node: number): number {
    return this.nodes[node * this.nodeWidth + this.field.size]!;
  }

  /** `object:Map`, `closure:onClose`, `string`: what the counts group by. */
  keyOf(node: number): string {
    const kind = this.kindOf(node);
    return NAMED_KINDS.has(kind) ? `${kind}:${this.nameOf(node)}` : kind;
  }

  /** Every object counted by `keyOf`. */
  groups(): Map<string, HeapGroup> {
    const groups = new Map<string, HeapGroup>();
    for (let node = 0; node < this.nodeCount; node++) {
      const key = this.keyOf(node);
      const group = groups.get(key) ?? { count: 0, selfSize: 0 };
      group.count++;
      group.selfSize += this.selfSizeOf(node);
      groups.set(key, group);
    }
    return groups;
  }

  ids(): Set<number> {
    const ids = new Set<number>();
    for (let node = 0; node < this.nodeCount; node++) ids.add(this.idOf(node));
    return ids;
  }

  /**
   * The edges that keep objects alive, in compressed rows: node n's lead to `to[first[n]]` up to
   * `to[first[n + 1]]`. Weak edges keep nothing alive and shortcut edges are a second way to an
   * object held anyway (for display): DevTools' retained sizes leave both out, and so does this.
   */
  strongEdges(): { first: Uint32Array; to: Uint32Array } {
    const first = new Uint32Array(this.nodeCount + 1);
    const to = new Uint32Array(this.edges.length / this.edgeWidth);
    let count = 0;
    for (let node = 0; node < this.nodeCount; node++) {
      first[node] = count;
      for (let e = this.firstEdge[node]!; e < this.firstEdge[node + 1]!; e += this.edgeWidth) {
        if (this.edgeRank(e) > 0) to[count++] = this.targetOf(e);
      }
    }
    first[this.nodeCount] = count;
    return { first, to: to.subarray(0, count) };
  }

  /** Whether `node` has a property (a named edge of that kind) called `name`. */
  hasProperty(node: number, name: string): boolean {
    for (let e = this.firstEdge[node]!; e < this.firstEdge[node + 1]!; e += this.edgeWidth) {
      if (
        this.edgeKinds[this.edges[e + this.edgeField.type]!] === 'property' &&
        this.strings[this.edges[e + this.edgeField.name]!] === name
      )
        return true;
    }
    return false;
  }

  /**
   * For each node, one node that holds it (-1 for none) and the edge by which: a named property,
   * element or closure variable rather than V8's internal and hidden edges, which say less.
   */
  private retainers(): { node: Int32Array; edge: Int32Array } {
    if (this.retainerOf && this.retainingEdge) return { node: this.retainerOf, edge: this.retainingEdge };
    const node = new Int32Array(this.nodeCount).fill(-1);
    const edge = new Int32Array(this.nodeCount).fill(-1);
    const rank = new Uint8Array(this.nodeCount);
    for (let from = 0; from < this.nodeCount; from++) {
      for (let e = this.firstEdge[from]!; e < this.firstEdge[from + 1]!; e += this.edgeWidth) {
        const better = this.edgeRank(e);
        const to = this.targetOf(e);
        if (better > rank[to]!) {
          rank[to] = better;
          node[to] = from;
          edge[to] = e;
        }
      }
    }
    this.retainerOf = node;
    this.retainingEdge = edge;
    return { node, edge };
  }

  /** 0: holds nothing (weak, a shortcut); 1: internal or hidden; 2: a property, element or variable. */
  private edgeRank(e: number): number {
    const kind = this.edgeKinds[this.edges[e + this.edgeField.type]!];
    if (kind === 'weak' || kind === 'shortcut') return 0;
    return kind === 'property' || kind === 'element' || kind === 'context' ? 2 : 1;
  }

  private targetOf(e: number): number {
    return this.edges[e + this.edgeField.to]! / this.nodeWidth;
  }

  /** How an edge is written in a path: `.name` for a property, `[]` for an element or a table slot. */
  private edgeLabel(e: number): string {
    const kind = this.edgeKinds[this.edges[e + this.edgeField.type]!];
    const nameOrIndex = this.edges[e + this.edgeField.name]!;
    if (kind === 'element' || kind === 'hidden') return '[]';
    const name = this.strings[nameOrIndex] ?? '?';
    if (kind === 'context') return `::${name}`;
    if (kind === 'internal') return /^\d+$/.test(name) ? '[]' : `.<${name}>`;
    return `.${name}`;
  }

  /** An old object named with what holds it: `object:AccessExtension.expiries → object:Map`. */
  private describeHolder(holder: number): string {
    const { node: retainer, edge } = this.retainers();
    const up = retainer[holder]!;
    const own = this.keyOf(holder);
    return up < 0 ? own : `${this.keyOf(up)}${this.edgeLabel(edge[holder]!)} → ${own}`;
  }

  /**
   * The objects of this snapshot that `earlier` did not have, grouped by the nearest object that
   * it did have and holds them (through new objects only), and the path from it (at most `depth`
   * steps shown). Found breadth first from every old object, so each new object is put under the
   * old holder closest to it; named properties are followed before V8's internal edges.
   */
  newObjectsByHolder(earlier: Set<number>, depth = 3): NewObjects[] {
    const isNew = new Uint8Array(this.nodeCount);
    // Nodes of the embedder's graph (`native:Node / ModuleWrap`, sockets' handles) get a new id in
    // every snapshot: they would all look new. Their JavaScript objects, which do keep their ids,
    // show what grew.
    const native = this.kinds.indexOf('native');
    for (let node = 0; node < this.nodeCount; node++) {
      const kind = this.nodes[node * this.nodeWidth + this.field.type];
      if (kind !== native && !earlier.has(this.idOf(node))) isNew[node] = 1;
    }
    const holderOf = new Int32Array(this.nodeCount).fill(-1);
    const pathOf: string[] = new Array<string>(this.nodeCount);
    let frontier: number[] = [];
    for (const wanted of [2, 1]) {
      for (let from = 0; from < this.nodeCount; from++) {
        if (isNew[from]) continue;
        for (let e = this.firstEdge[from]!; e < this.firstEdge[from + 1]!; e += this.edgeWidth) {
          const to = this.targetOf(e);
          if (!isNew[to] || holderOf[to] !== -1 || this.edgeRank(e) !== wanted) continue;
          holderOf[to] = from;
          pathOf[to] = this.edgeLabel(e);
          frontier.push(to);
        }
      }
    }
    for (let steps = 1; frontier.length > 0; steps++) {
      const next: number[] = [];
      for (const from of frontier) {
        for (let e = this.firstEdge[from]!; e < this.firstEdge[from + 1]!; e += this.edgeWidth) {
          const to = this.targetOf(e);
          if (!isNew[to] || holderOf[to] !== -1 || this.edgeRank(e) === 0) continue;
          holderOf[to] = holderOf[from]!;
          pathOf[to] =
            steps < depth
              ? pathOf[from] + this.edgeLabel(e)
              : pathOf[from]!.endsWith('…')
                ? pathOf[from]!
                : `${pathOf[from]}…`;
          next.push(to);
        }
      }
      frontier = next;
    }
    const groups = new Map<string, NewObjects>();
    const holders = new Map<number, string>();
    for (let node = 0; node < this.nodeCount; node++) {
      if (!isNew[node]) continue;
      const holder = holderOf[node]!;
      let key: string;
      if (holder < 0) key = '(held by nothing old: about to be collected, or V8 internals)';
      else {
        if (!holders.has(holder)) holders.set(holder, this.describeHolder(holder));
        key = `${holders.get(holder)} ${pathOf[node]}`;
      }
      const group = groups.get(key) ?? { holder: key, count: 0, selfSize: 0, kinds: new Map() };
      group.count++;
      group.selfSize += this.selfSizeOf(node);
      const kind = this.keyOf(node);
      group.kinds.set(kind, (group.kinds.get(kind) ?? 0) + 1);
      groups.set(key, group);
    }
    return [...groups.values()].sort((a, b) => b.selfSize - a.selfSize);
  }
}

/** New objects under one old holder. */
export interface NewObjects {
  /** The old object and the path from it (`object:Map []`: in a map's entries). */
  holder: string;
  count: number;
  selfSize: number;
  /** What the new objects are, by `keyOf`. */
  kinds: Map<string, number>;
}

function indexOf(bytes: Buffer, text: string, from = 0): number {
  const at = bytes.indexOf(text, from, 'latin1');
  if (at < 0) throw new Error(`not a heap snapshot: no ${text}`);
  return at;
}

/** Unsigned integers separated by commas (and, from some writers, newlines), up to the closing `]`. */
function readNumbers(bytes: Buffer, from: number): { values: number[]; end: number } {
  const values: number[] = [];
  let current = 0;
  let inNumber = false;
  let position = from;
  for (; position < bytes.length; position++) {
    const byte = bytes[position]!;
    if (byte >= 48 && byte <= 57) {
      current = current * 10 + (byte - 48);
      inNumber = true;
    } else {
      if (inNumber) values.push(current);
      current = 0;
      inNumber = false;
      if (byte === 93) break; // ]
    }
  }
  return { values, end: position };
}

/** One kind of object whose number or size changed between two snapshots. */
export interface HeapGrowth {
  key: string;
  before: HeapGroup;
  after: HeapGroup;
  countChange: number;
  sizeChange: number;
}

/** What changed from `before` to `after`, the largest growth in size first. */
export function compareHeapCounts(
  before: Map<string, HeapGroup>,
  after: Map<string, HeapGroup>,
): HeapGrowth[] {
  const empty: HeapGroup = { count: 0, selfSize: 0 };
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys]
    .map((key) => {
      const a = before.get(key) ?? empty;
      const b = after.get(key) ?? empty;
      return {
        key,
        before: a,
        after: b,
        countChange: b.count - a.count,
        sizeChange: b.selfSize - a.selfSize,
      };
    })
    .filter((growth) => growth.countChange !== 0 || growth.sizeChange !== 0)
    .sort((x, y) => y.sizeChange - x.sizeChange);
}
