import { createServer, Server } from 'node:http';

/**
 * Where the services export their spans when the benchmark runs with BENCH_TRACING=on: an
 * OTLP/HTTP endpoint that reads each export whole and answers 200, as a collector does, and
 * counts what it was sent. The services do all their tracing work — spans, batching, protobuf
 * encoding, the HTTP export — and nothing is kept.
 */
export class OtlpSink {
  exports = 0;
  bytes = 0;

  private constructor(private readonly server: Server) {}

  static async start(port: number): Promise<OtlpSink> {
    const server = createServer();
    const sink = new OtlpSink(server);
    server.on('request', (request, response) => {
      request.on('data', (chunk: Buffer) => (sink.bytes += chunk.length));
      request.on('end', () => {
        sink.exports += 1;
        response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    return sink;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server.close(resolve));
  }
}
