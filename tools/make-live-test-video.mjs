/**
 * Makes test/media/clip/live.webm from test/media/clip/clip.webm: the same 4 s clip as a browser's
 * MediaRecorder writes a live recording, with no Duration and no Cues (both overwritten in place by
 * Matroska Void elements of the same size, so every offset stays right). Browsers report
 * `duration === Infinity` for such a file until playback reaches its end; the <drop-clip> tests play
 * it to check progress is still reported.
 *
 *   node tools/make-live-test-video.mjs
 */
import { readFileSync, writeFileSync } from 'node:fs';

const dir = new URL('../test/media/clip/', import.meta.url);
const bytes = Buffer.from(readFileSync(new URL('clip.webm', dir)));
const ID = { Segment: 0x18538067, Info: 0x1549a966, Duration: 0x4489, Cues: 0x1c53bb6b };

function vint(at, keepMarker) {
  const first = bytes[at];
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
  let value = keepMarker ? first : first & (0xff >> length);
  for (let i = 1; i < length; i++) value = value * 256 + bytes[at + i];
  return { value, length };
}

function element(at) {
  const id = vint(at, true);
  const size = vint(at + id.length, false);
  const dataAt = at + id.length + size.length;
  return { id: id.value, at, dataAt, end: dataAt + size.value };
}

function children(from, to) {
  const list = [];
  for (let at = from; at < to; at = list[list.length - 1].end) list.push(element(at));
  return list;
}

/** Overwrites an element with a Void of the same total length: 0xEC, its size as a 1- or 8-byte vint, zeros. */
function toVoid({ at, end }) {
  const total = end - at;
  const sizeLength = total - 2 < 127 ? 1 : 8;
  bytes.fill(0, at, end);
  bytes[at] = 0xec;
  if (sizeLength === 1) bytes[at + 1] = 0x80 | (total - 2);
  else {
    bytes[at + 1] = 0x01;
    bytes.writeUIntBE(total - 9, at + 3, 6);
  }
}

const segment = element(element(0).end);
if (segment.id !== ID.Segment) throw new Error('expected a Segment after the EBML header');
const top = children(segment.dataAt, Math.min(segment.end, bytes.length));
const info = top.find((el) => el.id === ID.Info);
const duration = info && children(info.dataAt, info.end).find((el) => el.id === ID.Duration);
if (!duration) throw new Error('clip.webm has no Duration to remove');
toVoid(duration);
for (const cues of top.filter((el) => el.id === ID.Cues)) toVoid(cues);
writeFileSync(new URL('live.webm', dir), bytes);
console.log(`wrote test/media/clip/live.webm (${bytes.length} B)`);
