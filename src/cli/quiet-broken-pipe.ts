/**
 * Imported first by every command-line tool. A reader that stops early (`npm run ask … | head`)
 * closes the pipe; the tool then ends quietly, as Unix tools do, instead of with a stack trace.
 */
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}
