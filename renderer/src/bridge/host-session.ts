/**
 * In the browser host, the half of the session this window keeps (the other half is an
 * HttpOnly cookie): stored in sessionStorage by the page that signed the window in, and
 * sent with every bridge call and the event stream. sessionStorage belongs to this origin,
 * port included, so no other server on 127.0.0.1 can read it.
 */
const SESSION_KEY = 'keyflow-session';

export function sessionHeaders(): Record<string, string> {
  const half = typeof sessionStorage === 'undefined' ? null : sessionStorage.getItem(SESSION_KEY);
  return half ? { 'X-Keyflow-Session': half } : {};
}

export const SIGNED_OUT_MESSAGE = 'This window is not signed in to Keyflow. Open the launch page Keyflow printed when it started (“To open it in a browser, open …”).';
