export function startServer(
  root: string,
  mounts?: Record<string, string>,
): Promise<{ origin: string; pages: Map<string, string>; close(): Promise<void> }>;
