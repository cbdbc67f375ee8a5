/** Command-line flags of `npm run bench`; pure so the defaults and the quick mode are tested. */

export const allSections = ['size', 'runtime', 'button', 'memory', 'forge', 'badges'];
/** Countdown pages of the runtime section: how many on the page / how many in the viewport. */
export const runtimePages = ['empty', '1', '20', '100', '1000', '1000/20'];

/**
 * @param {string[]} argv process.argv.slice(2)
 */
export function parseOptions(argv) {
  const options = {
    /** length of each runtime measurement window, seconds */
    window: 10,
    /** fresh page loads per time-to-interactive measurement */
    loads: 10,
    /** mount/unmount cycles of 1000 widgets in the memory section */
    cycles: 10,
    sections: [...allSections],
    /** runtime pages to measure, by key (see runtimePages) */
    pages: [...runtimePages],
    build: true,
    /** a built kit folder to measure instead of building one (implies no build) */
    kit: null,
    help: false,
  };
  for (const arg of argv) {
    const [flag, value] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    switch (flag) {
      case '--quick':
        options.window = 3;
        options.loads = 3;
        options.cycles = 3;
        break;
      case '--window':
        options.window = positive(flag, value);
        break;
      case '--loads':
        options.loads = Math.round(positive(flag, value));
        break;
      case '--cycles':
        options.cycles = Math.round(positive(flag, value));
        break;
      case '--only': {
        const wanted = (value ?? '').split(',').filter(Boolean);
        const unknown = wanted.filter((section) => !allSections.includes(section));
        if (wanted.length === 0 || unknown.length > 0) {
          throw new Error(`Expected --only=<${allSections.join('|')}>[,…] but received '${value ?? ''}'`);
        }
        options.sections = wanted;
        break;
      }
      case '--pages': {
        const wanted = (value ?? '').split(',').filter(Boolean);
        if (wanted.length === 0 || wanted.some((key) => !runtimePages.includes(key))) {
          throw new Error(`Expected --pages=<${runtimePages.join('|')}>[,…] but received '${value ?? ''}'`);
        }
        options.pages = wanted;
        break;
      }
      case '--kit':
        if (!value) throw new Error("Expected a folder for --kit (a built dist/cdn) but received ''");
        options.kit = value;
        options.build = false;
        break;
      case '--no-build':
        options.build = false;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new Error(`Unknown option '${arg}'. Try --help.`);
    }
  }
  return options;
}

function positive(flag, value) {
  const number = Number(value);
  if (value === undefined || !Number.isFinite(number) || number <= 0) {
    throw new Error(`Expected a positive number for ${flag} but received '${value ?? ''}'`);
  }
  return number;
}

export const usage = `Usage: npm run bench [-- options]

  --quick            3 s windows, 3 loads, 3 memory cycles: a smoke run, not for quoting
  --window=SECONDS   length of each runtime window (default 10)
  --loads=N          fresh page loads per time-to-interactive figure (default 10)
  --cycles=N         mount/unmount cycles of 1000 widgets for the memory check (default 10)
  --only=LIST        some of: ${allSections.join(',')}
  --pages=LIST       runtime pages, some of: ${runtimePages.join(',')} (count/in viewport)
  --kit=DIR          measure the built kit in DIR (e.g. a release's dist/cdn) as it is
  --no-build         measure dist/cdn as it is, instead of building the current sources
                     into bench/results/cdn-build first`;
