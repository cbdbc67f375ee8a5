/**
 * The classic-script bundle (`dropkit.iife.js`) for tag managers that cannot load modules: every
 * element, defined at once.
 */
import '../countdown/define.ts';
import '../button/define.ts';
import '../mark/define.ts';
import '../clip/define.ts';
import { VERSION } from '../shared/vocabulary.ts';

type GlobalWithKit = typeof globalThis & { dropkit?: { version: string; observe(root: unknown): void } };
// Everything is already defined, so observing extra roots has nothing left to do.
(globalThis as GlobalWithKit).dropkit ??= { version: VERSION, observe() {} };
