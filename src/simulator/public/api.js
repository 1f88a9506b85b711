/** The simulator's JSON endpoints, with the server's error text surfaced as the Error message. */

const API = './api';

async function checked(response) {
  if (response.ok) return response;
  let reason = `${response.status} ${response.statusText}`;
  try {
    const body = await response.json();
    if (body?.error) reason = body.error;
  } catch {
    // Not JSON: the status line is all there is to say.
  }
  throw new Error(reason);
}

/** GET an endpoint under /simulator/api and parse its JSON. */
export async function getJson(path) {
  return (await checked(await fetch(`${API}/${path}`, { headers: { accept: 'application/json' } }))).json();
}

/** POST JSON to an endpoint under /simulator/api and parse the JSON answer. */
export async function postJson(path, body) {
  const response = await fetch(`${API}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
  return (await checked(response)).json();
}

/** POST JSON and take the answer as a file (a Blob). */
export async function postForBlob(path, body) {
  const response = await fetch(`${API}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await checked(response)).blob();
}

/** The URL of the stream of what the bot sends. */
export const STREAM_URL = `${API}/stream`;
