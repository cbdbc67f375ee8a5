/**
 * Makes the small WebM that the <drop-clip> tests and the demo play: test/media/clip/clip.webm (4 s,
 * 144×256 VP8, no audio) and its poster, test/media/clip/poster.png.
 *
 *   node tools/make-test-video.mjs
 *
 * It records a canvas animation with MediaRecorder in the same headless Chromium the tests use, so
 * the file is one that browser certainly decodes. Older MediaRecorders write a live stream with no
 * Duration in the header (browsers then report `duration === Infinity` and progress cannot be
 * computed), so a missing Duration is added here; current Chromium already writes Duration and Cues
 * and the file is then kept exactly as recorded. The output is committed; rerun
 * only to change the clip. Frame timing comes from a real clock, so bytes differ between runs while
 * the content (colours per second, length, size) stays the same.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from './chromium.mjs';

const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '../test/media/clip');
const seconds = 4;

async function record() {
  const browser = await chromium.launch({
    executablePath: findChromium() ?? undefined,
    args: chromiumArgs.filter((arg) => !arg.startsWith('--headless')),
    headless: true,
  });
  try {
    const page = await browser.newPage();
    return await page.evaluate(async (seconds) => {
      const canvas = document.createElement('canvas');
      canvas.width = 144;
      canvas.height = 256;
      const ctx = canvas.getContext('2d');
      // One colour per second so a test (or a person) can tell where in the clip a frame is from.
      const colours = ['#d7263d', '#1b998b', '#2e86ab', '#f49d37', '#6a4c93'];
      const draw = (t) => {
        const second = Math.min(Math.floor(t), colours.length - 1);
        ctx.fillStyle = colours[second];
        ctx.fillRect(0, 0, 144, 256);
        ctx.fillStyle = '#fff';
        const x = 20 + ((t % 1) * 104);
        ctx.beginPath();
        ctx.arc(x, 128, 16, 0, Math.PI * 2);
        ctx.fill();
        ctx.font = 'bold 40px sans-serif';
        ctx.fillText(String(second + 1), 60, 220);
      };
      draw(0);
      const poster = canvas.toDataURL('image/png');
      const stream = canvas.captureStream(20);
      const recorder = new MediaRecorder(stream, {
        mimeType: 'video/webm;codecs=vp8',
        videoBitsPerSecond: 80_000,
        // Frequent keyframes keep seeks in the tests exact and cheap.
        videoKeyFrameIntervalDuration: 500,
      });
      const chunks = [];
      recorder.ondataavailable = (event) => chunks.push(event.data);
      const stopped = new Promise((done) => (recorder.onstop = done));
      const start = performance.now();
      recorder.start();
      await new Promise((done) => {
        const tick = () => {
          const t = (performance.now() - start) / 1000;
          draw(t);
          if (t >= seconds) return done();
          setTimeout(tick, 25);
        };
        tick();
      });
      recorder.stop();
      await stopped;
      const blob = new Blob(chunks, { type: 'video/webm' });
      // Ask the browser itself how long the recording is: seeking far past the end makes it scan the
      // whole stream and settle on the real duration.
      const video = document.createElement('video');
      video.muted = true;
      video.src = URL.createObjectURL(blob);
      await new Promise((done) => (video.onloadedmetadata = done));
      video.currentTime = 1e9;
      await new Promise((done) => {
        const check = () => (Number.isFinite(video.duration) ? done() : setTimeout(check, 20));
        check();
      });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (const byte of bytes) binary += String.fromCharCode(byte);
      return { webm: btoa(binary), durationMs: video.duration * 1000, poster };
    }, seconds);
  } finally {
    await browser.close();
  }
}

// --- Minimal EBML (Matroska) handling: just enough to add Segment/Info/Duration. ---

function readVint(bytes, at, keepMarker) {
  const first = bytes[at];
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
  if (length > 8) throw new Error(`invalid EBML length byte at ${at}`);
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === (0xff >> length);
  for (let i = 1; i < length; i++) {
    value = value * 256 + bytes[at + i];
    if (bytes[at + i] !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

function sizeVint(size) {
  // Always 8 bytes: simple, and valid for any size.
  const out = new Uint8Array(8);
  out[0] = 0x01;
  let rest = size;
  for (let i = 7; i >= 1; i--) {
    out[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  return out;
}

const ID = { EBML: 0x1a45dfa3, Segment: 0x18538067, Info: 0x1549a966, Duration: 0x4489 };

function addDuration(bytes, durationInTimecodeUnits) {
  const header = readVint(bytes, 0, true);
  if (header.value !== ID.EBML) throw new Error('not an EBML file');
  const headerSize = readVint(bytes, header.length, false);
  const segmentAt = header.length + headerSize.length + headerSize.value;
  const segmentId = readVint(bytes, segmentAt, true);
  if (segmentId.value !== ID.Segment) throw new Error('expected a Segment after the EBML header');
  const segmentSize = readVint(bytes, segmentAt + segmentId.length, false);
  const segmentDataAt = segmentAt + segmentId.length + segmentSize.length;
  let at = segmentDataAt;
  while (at < bytes.length) {
    const id = readVint(bytes, at, true);
    const size = readVint(bytes, at + id.length, false);
    const dataAt = at + id.length + size.length;
    if (id.value === ID.Info) {
      const info = bytes.subarray(dataAt, dataAt + size.value);
      if (hasChild(info, ID.Duration)) return bytes;
      const duration = new Uint8Array(2 + 1 + 8);
      duration.set([0x44, 0x89, 0x88]);
      new DataView(duration.buffer).setFloat64(3, durationInTimecodeUnits);
      const newInfoData = concat([info, duration]);
      const newInfo = concat([bytes.subarray(at, at + id.length), sizeVint(newInfoData.length), newInfoData]);
      let segmentHeader = bytes.subarray(segmentAt, segmentDataAt);
      if (!segmentSize.unknown) {
        const grownBy = newInfo.length - (dataAt + size.value - at);
        segmentHeader = concat([bytes.subarray(segmentAt, segmentAt + segmentId.length), sizeVint(segmentSize.value + grownBy)]);
      }
      return concat([
        bytes.subarray(0, segmentAt),
        segmentHeader,
        bytes.subarray(segmentDataAt, at),
        newInfo,
        bytes.subarray(dataAt + size.value),
      ]);
    }
    if (size.unknown) break;
    at = dataAt + size.value;
  }
  throw new Error('no Segment Info element found');
}

function hasChild(data, wanted) {
  let at = 0;
  while (at < data.length) {
    const id = readVint(data, at, true);
    const size = readVint(data, at + id.length, false);
    if (id.value === wanted) return true;
    at += id.length + size.length + size.value;
  }
  return false;
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const { webm, durationMs, poster } = await record();
// MediaRecorder writes TimecodeScale = 1 ms, so the Duration is in milliseconds.
const fixed = addDuration(new Uint8Array(Buffer.from(webm, 'base64')), durationMs);
mkdirSync(outDir, { recursive: true });
writeFileSync(resolve(outDir, 'clip.webm'), fixed);
writeFileSync(resolve(outDir, 'poster.png'), Buffer.from(poster.split(',')[1], 'base64'));
console.log(`clip.webm: ${fixed.length} bytes, ${(durationMs / 1000).toFixed(2)} s; poster.png written`);
