/** Exit code after Ctrl+C, as shells report a process stopped by SIGINT. */
export const EXIT_INTERRUPTED = 130;
