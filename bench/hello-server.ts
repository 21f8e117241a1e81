/** The ceiling: a bare Fastify app answering a static JSON, in its own process like the sandbox. */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
const body = { code: '0000', message: '成功', data: { hello: 'world' }, request_id: 'req_static' };
app.get('/hello', async () => body);
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
const address = app.server.address();
console.log(`listening on ${typeof address === 'object' && address ? address.port : ''}`);
