/**
 * What a server's sockets keep, from a heap snapshot (heap-snapshot.ts reads it): which socket,
 * and which of its objects, keeps each object alive, by dominators (the object every path to it
 * passes through last), the way DevTools' "retained size" is computed.
 */
import type { HeapSnapshot } from './heap-snapshot.ts';

/**
 * What an object is called in a summary: by its constructor's name, a closure as `fn name()`,
 * V8's and Node's own objects by their name (`system / Context`, `Node / TCPSocketWrap`), anything
 * else by its kind in parentheses (`(string)`, `(array)`, `(code)`…).
 */
export function labelOf(snapshot: HeapSnapshot, node: number): string {
  const name = snapshot.nameOf(node);
  switch (snapshot.kindOf(node)) {
    case 'object':
      return name.replace(/ \/ .*/, '') || 'Object';
    case 'closure':
      return `fn ${name || '(anonymous)'}()`;
    case 'native':
    case 'synthetic':
    case 'hidden':
      return name || `(${snapshot.kindOf(node)})`;
    default:
      return `(${snapshot.kindOf(node)})`;
  }
}

/** A directed graph in compressed rows: node n's edges lead to `to[first[n]..first[n + 1]]`. */
interface Graph {
  nodeCount: number;
  first: Uint32Array;
  to: Uint32Array;
}

/**
 * Each node's immediate dominator in `graph` from `root` (Cooper, Harvey and Kennedy's iterative
 * algorithm over a reverse postorder). Nodes the root does not reach get -1.
 */
function dominatorsOf(graph: Graph, root: number): Int32Array {
  const { nodeCount, first, to } = graph;
  // Postorder numbering by an iterative depth-first search.
  const order = new Int32Array(nodeCount).fill(-1); // node → postorder number
  const byOrder = new Int32Array(nodeCount); // postorder number → node
  const visited = new Uint8Array(nodeCount);
  const stackNode = new Int32Array(nodeCount);
  const stackEdge = new Uint32Array(nodeCount);
  let top = 0;
  let count = 0;
  stackNode[0] = root;
  stackEdge[0] = first[root]!;
  visited[root] = 1;
  while (top >= 0) {
    const node = stackNode[top]!;
    const e = stackEdge[top]!;
    if (e < first[node + 1]!) {
      stackEdge[top] = e + 1;
      const next = to[e]!;
      if (!visited[next]) {
        visited[next] = 1;
        top++;
        stackNode[top] = next;
        stackEdge[top] = first[next]!;
      }
      continue;
    }
    order[node] = count;
    byOrder[count++] = node;
    top--;
  }

  // Predecessors of every reached node, in compressed rows.
  const predFirst = new Uint32Array(nodeCount + 1);
  for (let n = 0; n < nodeCount; n++) {
    if (order[n]! < 0) continue;
    for (let e = first[n]!; e < first[n + 1]!; e++) predFirst[to[e]! + 1]!++;
  }
  for (let n = 0; n < nodeCount; n++) predFirst[n + 1]! += predFirst[n]!;
  const preds = new Uint32Array(predFirst[nodeCount]!);
  const fill = predFirst.slice(0, nodeCount);
  for (let n = 0; n < nodeCount; n++) {
    if (order[n]! < 0) continue;
    for (let e = first[n]!; e < first[n + 1]!; e++) preds[fill[to[e]!]!++] = n;
  }

  // Dominators over postorder numbers; the root has the highest.
  const rootOrder = order[root]!;
  const dom = new Int32Array(count).fill(-1);
  dom[rootOrder] = rootOrder;
  let changed = true;
  while (changed) {
    changed = false;
    for (let b = count - 1; b >= 0; b--) {
      if (b === rootOrder) continue;
      const node = byOrder[b]!;
      let idom = -1;
      for (let p = predFirst[node]!; p < predFirst[node + 1]!; p++) {
        let other = order[preds[p]!]!;
        if (other < 0 || dom[other] === -1) continue;
        if (idom === -1) {
          idom = other;
          continue;
        }
        let finger = idom;
        while (finger !== other) {
          while (finger < other) finger = dom[finger]!;
          while (other < finger) other = dom[other]!;
        }
        idom = finger;
      }
      if (idom !== -1 && dom[b] !== idom) {
        dom[b] = idom;
        changed = true;
      }
    }
  }
  const result = new Int32Array(nodeCount).fill(-1);
  for (let b = 0; b < count; b++) result[byOrder[b]!] = dom[b] === -1 ? -1 : byOrder[dom[b]!]!;
  return result;
}

/** Bytes, and how many objects they are. */
export interface OwnerShare {
  bytes: number;
  /** Owners of this kind, or (by kind) objects of this kind. */
  count: number;
}

export interface SocketShares {
  /** Sockets found (objects of the socket kind). */
  sockets: number;
  /** Bytes each kind of a socket's objects keeps, summed over every socket. */
  byOwner: Map<string, OwnerShare>;
  /** The same, each owner's bytes split by the kind of the objects they are. */
  byOwnerAndKind: Map<string, Map<string, OwnerShare>>;
  /** Bytes kept by several sockets together, not by any one. */
  sharedBytes: number;
  /** The server's own state (reached without passing through any socket), by kind. */
  serverByKind: Map<string, OwnerShare>;
  /** Objects only anchors reach, but no socket: anchors of no socket (a closed one's timer). */
  strayBytes: number;
}

/**
 * What each socket keeps alone. The heap is split in two: what the roots reach without passing
 * through any object of the `anchors` kinds (the server's own state: documents, maps, sessions),
 * and the rest, which is there only because some socket's objects are. That rest is given one
 * dominator tree under a virtual root with an edge to every object of kind `socketKind`, so what
 * one socket alone keeps is under that socket, and each of its objects is counted to the nearest
 * anchor above it: e.g. a document connection's closures to `Connection`, the frame reader's
 * buffers to `Receiver`; what several anchors of the one socket keep together goes to the socket.
 */
export function sharesBySocket(
  snapshot: HeapSnapshot,
  socketKind: string,
  anchorOf: (snapshot: HeapSnapshot, node: number, kind: string) => string | null,
): SocketShares {
  const { nodeCount } = snapshot;
  const { first, to } = snapshot.strongEdges();
  const kinds = new Array<string>(nodeCount);
  const anchorName = new Array<string | undefined>(nodeCount);
  const isAnchor = new Uint8Array(nodeCount);
  for (let n = 0; n < nodeCount; n++) {
    kinds[n] = labelOf(snapshot, n);
    const name = anchorOf(snapshot, n, kinds[n]!);
    if (name !== null) {
      anchorName[n] = name;
      isAnchor[n] = 1;
    }
  }
  // The server's own state: reached from the roots without going through an anchor.
  const server = new Uint8Array(nodeCount);
  const queue = new Uint32Array(nodeCount);
  let head = 0;
  let tail = 0;
  queue[tail++] = 0;
  server[0] = 1;
  while (head < tail) {
    const n = queue[head++]!;
    for (let e = first[n]!; e < first[n + 1]!; e++) {
      const next = to[e]!;
      if (server[next] || isAnchor[next]) continue;
      server[next] = 1;
      queue[tail++] = next;
    }
  }
  // Everything the roots reach at all.
  const reachable = server.slice();
  head = 0;
  tail = 0;
  for (let n = 0; n < nodeCount; n++) if (server[n]) queue[tail++] = n;
  while (head < tail) {
    const n = queue[head++]!;
    for (let e = first[n]!; e < first[n + 1]!; e++) {
      const next = to[e]!;
      if (reachable[next]) continue;
      reachable[next] = 1;
      queue[tail++] = next;
    }
  }
  // The rest, under a virtual root (node `nodeCount`) with an edge to every socket.
  const sockets: number[] = [];
  for (let n = 0; n < nodeCount; n++) if (isAnchor[n] && kinds[n] === socketKind) sockets.push(n);
  const root = nodeCount;
  const subFirst = new Uint32Array(nodeCount + 2);
  const subTo = new Uint32Array(to.length + sockets.length);
  let m = 0;
  for (let n = 0; n < nodeCount; n++) {
    subFirst[n] = m;
    if (server[n]) continue;
    for (let e = first[n]!; e < first[n + 1]!; e++) if (!server[to[e]!]) subTo[m++] = to[e]!;
  }
  subFirst[root] = m;
  for (const socket of sockets) subTo[m++] = socket;
  subFirst[root + 1] = m;
  const dominators = dominatorsOf({ nodeCount: nodeCount + 1, first: subFirst, to: subTo }, root);

  // The nearest anchor on each node's dominator chain (the root where there is none), memoised.
  const ownerOf = new Int32Array(nodeCount + 1).fill(-1);
  ownerOf[root] = root;
  const chain: number[] = [];
  const nearestAnchor = (start: number): number => {
    let n = start;
    while (ownerOf[n] === -1) {
      if (isAnchor[n]) {
        ownerOf[n] = n;
        break;
      }
      chain.push(n);
      n = dominators[n]!;
    }
    const found = ownerOf[n]!;
    for (const c of chain) ownerOf[c] = found;
    chain.length = 0;
    return found;
  };

  const byOwner = new Map<string, OwnerShare>();
  const byOwnerAndKind = new Map<string, Map<string, OwnerShare>>();
  const serverByKind = new Map<string, OwnerShare>();
  const add = (map: Map<string, OwnerShare>, kind: string, bytes: number, counted: boolean) => {
    const share = map.get(kind) ?? { bytes: 0, count: 0 };
    share.bytes += bytes;
    if (counted) share.count++;
    map.set(kind, share);
  };
  let sharedBytes = 0;
  let strayBytes = 0;
  for (let n = 0; n < nodeCount; n++) {
    const size = snapshot.selfSizeOf(n);
    if (server[n]) {
      add(serverByKind, kinds[n]!, size, true);
      continue;
    }
    if (dominators[n] === -1) {
      // Reached from the roots, but through anchors of no socket; the rest is garbage the
      // snapshot still lists, reached from nowhere.
      if (reachable[n]) strayBytes += size;
      continue;
    }
    const owner = nearestAnchor(n);
    if (owner === root) sharedBytes += size;
    else {
      const name = anchorName[owner]!;
      add(byOwner, name, size, owner === n);
      let ofOwner = byOwnerAndKind.get(name);
      if (!ofOwner) byOwnerAndKind.set(name, (ofOwner = new Map()));
      add(ofOwner, kinds[n]!, size, true);
    }
  }
  return { sockets: sockets.length, byOwner, byOwnerAndKind, sharedBytes, serverByKind, strayBytes };
}
