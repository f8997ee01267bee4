/**
 * Turns "address in use" at start-up into an error that says which port, what probably holds it
 * and how to choose another (ports belong to the run: any start may pick new ones).
 */
export function withPortHint(error: unknown, host: string, endpointPort: number): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== 'EADDRINUSE') return error;
  const port = (error as { port?: number }).port ?? endpointPort;
  return new Error(
    `port ${port} on ${host} is already in use (another \`tapstack up\`, or another program). ` +
      'Stop it, or start on other ports: --port N for the AWS endpoint, --api-port N for the HTTP APIs ' +
      '(0 picks any free port). Stack outputs follow the ports of each run.',
    { cause: error },
  );
}
