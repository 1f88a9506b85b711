/**
 * The baseline for `npm run bench`: the smallest Express app with one POST route answering 200,
 * run as its own process and driven exactly like the bot, so the bot's figures can be read as a
 * ratio of what Express itself manages on the same machine at the same moment.
 */
import express from 'express';

const app = express();
app.disable('x-powered-by');
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
app.post('/webhook', (_req, res) => {
  res.status(200).json({});
});
app.listen(Number(process.env.PORT ?? 3001), '127.0.0.1');
