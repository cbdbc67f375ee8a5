/** Bundled by server-render.ts and run by Node: prints one page of pages.tsx as React 18's server HTML. */
import { version } from 'react';
import { renderToString } from 'react-dom/server';
import { pages } from './pages.tsx';

const Page = pages[process.argv[2] as keyof typeof pages];
process.stdout.write(JSON.stringify({ react: version, html: renderToString(<Page />) }));
