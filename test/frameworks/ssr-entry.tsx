/** Bundled by server-render.ts and run by Node: prints one page of ssr-pages.tsx as the server HTML of the React it was bundled with. */
import { version } from 'react';
import { renderToString } from 'react-dom/server';
import { pages } from './ssr-pages.tsx';

const Page = pages[process.argv[2] as keyof typeof pages];
process.stdout.write(JSON.stringify({ react: version, html: renderToString(<Page />) }));
