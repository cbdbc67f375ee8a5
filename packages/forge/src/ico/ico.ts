/**
 * favicon.ico as a container of PNG images (supported by every browser since IE 9). Writing the
 * 6-byte header and 16-byte directory ourselves avoids a dependency for ~20 lines.
 */
export interface IcoImage {
  size: number;
  png: Uint8Array;
}

export function buildIco(images: readonly IcoImage[]): Uint8Array {
  const headerSize = 6 + 16 * images.length;
  const total = headerSize + images.reduce((sum, image) => sum + image.png.length, 0);
  const bytes = Buffer.alloc(total);
  bytes.writeUInt16LE(0, 0);
  bytes.writeUInt16LE(1, 2); // 1 = icon (2 would be a cursor)
  bytes.writeUInt16LE(images.length, 4);
  let offset = headerSize;
  images.forEach((image, index) => {
    if (!Number.isInteger(image.size) || image.size < 1 || image.size > 256) throw new RangeError(`ICO sizes are 1-256, received ${image.size}`);
    const entry = 6 + 16 * index;
    // 0 encodes 256 in the one-byte width and height fields.
    bytes.writeUInt8(image.size % 256, entry);
    bytes.writeUInt8(image.size % 256, entry + 1);
    bytes.writeUInt8(0, entry + 2); // no colour table
    bytes.writeUInt8(0, entry + 3);
    bytes.writeUInt16LE(1, entry + 4); // colour planes
    bytes.writeUInt16LE(32, entry + 6); // bits per pixel
    bytes.writeUInt32LE(image.png.length, entry + 8);
    bytes.writeUInt32LE(offset, entry + 12);
    bytes.set(image.png, offset);
    offset += image.png.length;
  });
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** Reads an ICO directory back: used by tests and by forge.json to describe the container. */
export function readIcoDirectory(bytes: Uint8Array): Array<{ width: number; height: number; offset: number; length: number }> {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (view.readUInt16LE(0) !== 0 || view.readUInt16LE(2) !== 1) throw new Error('not an ICO file');
  const count = view.readUInt16LE(4);
  return Array.from({ length: count }, (_, index) => {
    const entry = 6 + 16 * index;
    return {
      width: view.readUInt8(entry) || 256,
      height: view.readUInt8(entry + 1) || 256,
      length: view.readUInt32LE(entry + 8),
      offset: view.readUInt32LE(entry + 12),
    };
  });
}
