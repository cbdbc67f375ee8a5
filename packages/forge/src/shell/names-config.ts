/**
 * Whether a message already says which config it is about: a config's own problems start with its
 * path (`brand/creator.json: Expected a hex colour…`) or name it within (`…relative to
 * brand/creator.json but…`). A refusal of the mark names only the mark's file (`mark.svg: …`), the
 * same name in every creator's folder, and a renderer's only the image: the shells add the path.
 */
export function namesConfig(message: string, config: string): boolean {
  return message.startsWith(`${config}: `) || message.includes(` ${config} `) || message.includes(` ${config},`);
}
