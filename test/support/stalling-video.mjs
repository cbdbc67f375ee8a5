/**
 * A video server whose network stalls mid-clip, for the <drop-clip> stall test.
 *
 * GET /__test/clip/stalling.webm?id=<label>&at=<seconds>
 *   The test clip with byte ranges, except that the media from the first cluster starting at or
 *   after `at` seconds (not the first) to the end of the last cluster is held back until /release
 *   is called for `id`. Everything else goes out at once: the header and the seconds before `at`,
 *   and the Cues index after the media, should a player ask for it before playing (Chromium 156
 *   does not: it reads the file in one `bytes=0-` request, so the stall is the held middle of it).
 * GET /__test/clip/stalling/release?id=<label>   lets the held bytes of `id` go (now and later).
 * GET /__test/clip/stalling/log?id=<label>
 *   [{"range": "bytes=…" | null, "held": [from, to] | null}, …]: each request and the bytes it held
 *   back, so a test can tell a stall of this server from any other.
 *
 * The served file is not byte for byte test/media/clip/clip.webm. Chromium hands media bytes to its
 * demuxer in whole 32 KB blocks (a block is readable once complete or once the response ends), and
 * the 4 s test clip is 29 KB, one block: held anywhere, it stalls before its first frame (what an
 * earlier attempt took for Chromium reading the Cues first). A real 20–45 s clip is megabytes, so
 * the server puts 64 KB of Void (the Matroska element players skip) before the held cluster: the
 * seconds before it then fill complete blocks and play. The SeekHead and Cues positions move to match.
 * Chromium also reads about 2 s of media before it reports the metadata, so `at` below 2 stalls
 * before the first frame.
 */
import { readFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';

const GAP = 64 * 1024;

const layouts = new Map();

/** The clip prepared to stall at `atMs`: its bytes and the byte range [holdFrom, holdTo) to hold. */
function layoutFor(atMs) {
  if (!layouts.has(atMs)) {
    layouts.set(
      atMs,
      readFile(new URL('../media/clip/clip.webm', import.meta.url)).then((original) => {
        const { clusters } = topLevel(original);
        const held = clusters.findIndex((cluster, index) => index > 0 && cluster.ms >= atMs);
        if (held < 0) throw new Error(`stalling.webm: no cluster after the first starts at or after ${atMs} ms`);
        const bytes = withGap(original, clusters[held].at, GAP);
        const moved = topLevel(bytes);
        return { bytes, holdFrom: moved.clusters[held].at, holdTo: moved.mediaEnd };
      }),
    );
  }
  return layouts.get(atMs);
}

const stalls = new Map();

function stallOf(id) {
  if (!stalls.has(id)) {
    let release;
    const released = new Promise((resolve) => (release = resolve));
    stalls.set(id, { released, release, isReleased: false, log: [] });
  }
  return stalls.get(id);
}

async function stallingVideo(ctx, params) {
  const stall = stallOf(params.get('id') ?? '');
  const { bytes, holdFrom, holdTo } = await layoutFor(Math.round(Number(params.get('at') ?? 2) * 1000));
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Accept-Ranges', 'bytes');
  ctx.type = 'video/webm';
  const header = ctx.get('Range') || null;
  const range = /^bytes=(\d*)-(\d*)$/.exec(header ?? '');
  let start = 0;
  let end = bytes.length - 1;
  if (range) {
    start = range[1] === '' ? bytes.length - Number(range[2]) : Number(range[1]);
    if (range[1] !== '' && range[2] !== '') end = Math.min(Number(range[2]), bytes.length - 1);
    if (start > end || start >= bytes.length) {
      ctx.status = 416;
      ctx.set('Content-Range', `bytes */${bytes.length}`);
      return;
    }
    ctx.status = 206;
    ctx.set('Content-Range', `bytes ${start}-${end}/${bytes.length}`);
  }
  const heldFrom = Math.max(start, holdFrom);
  const heldTo = Math.min(end + 1, holdTo);
  const holds = !stall.isReleased && heldFrom < heldTo;
  stall.log.push({ range: header, held: holds ? [heldFrom, heldTo] : null });
  if (!holds) {
    ctx.body = bytes.subarray(start, end + 1);
    return;
  }
  // What comes before the held bytes goes now, the rest once released. Koa destroys the body when
  // the player gives up on the request (it then asks again with a new range): nothing to send then.
  const body = new PassThrough();
  ctx.length = end - start + 1;
  ctx.body = body;
  body.write(bytes.subarray(start, heldFrom));
  void stall.released.then(() => {
    if (!body.destroyed) body.end(bytes.subarray(heldFrom, end + 1));
  });
}

async function release(ctx, params) {
  const stall = stallOf(params.get('id') ?? '');
  stall.isReleased = true;
  stall.release();
  ctx.set('Cache-Control', 'no-store');
  ctx.status = 204;
}

async function log(ctx, params) {
  ctx.set('Cache-Control', 'no-store');
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(stallOf(params.get('id') ?? '').log);
}

export const stallingVideoRoutes = {
  '/__test/clip/stalling.webm': stallingVideo,
  '/__test/clip/stalling/release': release,
  '/__test/clip/stalling/log': log,
};

// --- just enough Matroska (EBML) to find the clusters and to insert Void gaps --------------------

const ID = {
  Segment: 0x18538067,
  SeekHead: 0x114d9b74,
  Seek: 0x4dbb,
  SeekPosition: 0x53ac,
  Cluster: 0x1f43b675,
  Timecode: 0xe7,
  Cues: 0x1c53bb6b,
  CuePoint: 0xbb,
  CueTrackPositions: 0xb7,
  CueClusterPosition: 0xf1,
  Void: 0xec,
};

function vint(bytes, at, keepMarker) {
  const first = bytes[at];
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
  let value = keepMarker ? first : first & (0xff >> length);
  for (let i = 1; i < length; i++) value = value * 256 + bytes[at + i];
  return { value, length };
}

function element(bytes, at) {
  const id = vint(bytes, at, true);
  const size = vint(bytes, at + id.length, false);
  const dataAt = at + id.length + size.length;
  return { id: id.value, at, dataAt, end: dataAt + size.value };
}

function children(bytes, from, to) {
  const list = [];
  for (let at = from; at < to; at = list[list.length - 1].end) list.push(element(bytes, at));
  return list;
}

const uintAt = (bytes, { dataAt, end }) => bytes.subarray(dataAt, end).reduce((value, byte) => value * 256 + byte, 0);

function bigEndian(value, length) {
  return Buffer.from(Array.from({ length }, (_, i) => Math.floor(value / 256 ** (length - 1 - i)) % 256));
}

/** An element with the given id and data; its size is a one-byte vint when it fits, else eight bytes. */
function encode(id, data) {
  const size = data.length < 127 ? Buffer.from([0x80 | data.length]) : Buffer.concat([Buffer.from([0x01]), bigEndian(data.length, 7)]);
  return Buffer.concat([bigEndian(id, Math.ceil(Math.log2(id + 1) / 8)), size, data]);
}

function topLevel(bytes) {
  const ebml = element(bytes, 0);
  const segment = element(bytes, ebml.end);
  if (segment.id !== ID.Segment) throw new Error('clip.webm: expected a Segment after the EBML header');
  const top = children(bytes, segment.dataAt, Math.min(segment.end, bytes.length));
  const clusters = top
    .filter((child) => child.id === ID.Cluster)
    .map((cluster) => {
      const timecode = element(bytes, cluster.dataAt);
      if (timecode.id !== ID.Timecode) throw new Error('clip.webm: expected each Cluster to start with its Timecode');
      // MediaRecorder writes a TimecodeScale of 1 ms.
      return { ...cluster, ms: uintAt(bytes, timecode) };
    });
  const cues = top.find((child) => child.id === ID.Cues);
  const seekHead = top.find((child) => child.id === ID.SeekHead);
  const afterSeekHead = top[top.indexOf(seekHead) + 1];
  if (!cues || !seekHead || afterSeekHead?.id !== ID.Void) throw new Error('clip.webm: expected a SeekHead followed by a Void, and Cues');
  return { segment, clusters, cues, seekHead, afterSeekHead, mediaEnd: clusters[clusters.length - 1].end };
}

/**
 * The file with a Void of `size` bytes inserted before the top-level element at byte `at`, and every
 * position that points past it (SeekHead entries, each cue's cluster) moved by `size`.
 */
function withGap(bytes, at, size) {
  const { segment, cues, seekHead, afterSeekHead } = topLevel(bytes);
  const moved = (relative) => (segment.dataAt + relative >= at ? relative + size : relative);
  // Positions are rewritten as 4-byte numbers, which may make an element longer than it was.
  const rewrite = (parent, positionId) =>
    Buffer.concat(
      children(bytes, parent.dataAt, parent.end).map((child) => {
        if (child.id === positionId) return encode(child.id, bigEndian(moved(uintAt(bytes, child)), 4));
        if ([ID.Seek, ID.CuePoint, ID.CueTrackPositions].includes(child.id)) return encode(child.id, rewrite(child, positionId));
        return bytes.subarray(child.at, child.end);
      }),
    );
  const newSeekHead = encode(ID.SeekHead, rewrite(seekHead, ID.SeekPosition));
  // The Void after the SeekHead is the room MediaRecorder leaves for a longer SeekHead.
  const room = afterSeekHead.end - seekHead.at - newSeekHead.length - 2;
  if (room < 0 || room >= 127) throw new Error('clip.webm: no room after the SeekHead to rewrite it');
  if (cues.end !== bytes.length || cues.at < at) throw new Error('clip.webm: expected the Cues to end the file');
  if (segment.dataAt - segment.at !== 12) throw new Error('clip.webm: expected an 8-byte Segment size');
  const body = Buffer.concat([
    newSeekHead,
    encode(ID.Void, Buffer.alloc(room)),
    bytes.subarray(afterSeekHead.end, at),
    encode(ID.Void, Buffer.alloc(size - 9)),
    bytes.subarray(at, cues.at),
    encode(ID.Cues, rewrite(cues, ID.CueClusterPosition)),
  ]);
  return Buffer.concat([bytes.subarray(0, segment.at), bigEndian(ID.Segment, 4), Buffer.from([0x01]), bigEndian(body.length, 7), body]);
}
