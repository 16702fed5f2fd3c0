// The REST client: JSON in and out, problem+json turned into readable errors, the access token
// kept in memory and renewed with the (rotating) refresh token, which survives reloads.
import { noteFreshness } from "./pwa";
import type { AuthResponse, Problem } from "./types";

const refreshKey = "chitlaq.refreshToken";
let accessToken: string | null = null;
let refreshing: Promise<boolean> | null = null;
const listeners: (() => void)[] = [];
const restrictedListeners: (() => void)[] = [];

export class ApiError extends Error {
  constructor(public status: number, public code: string, message: string, public fields: Record<string, string[]> = {}) {
    super(message);
  }
}

export function onSignedOut(listener: () => void) { listeners.push(listener); }
/** Called when the server says this account was suspended or banned while the tab was open. */
export function onRestricted(listener: () => void) { restrictedListeners.push(listener); }
export function isSignedIn() { return accessToken !== null || localStorage.getItem(refreshKey) !== null; }
export function currentAccessToken() { return accessToken; }

export function keepSession(auth: AuthResponse) {
  accessToken = auth.accessToken;
  localStorage.setItem(refreshKey, auth.refreshToken);
}

export function forgetSession() {
  accessToken = null;
  localStorage.removeItem(refreshKey);
  listeners.forEach(listener => listener());
}

/** Renews the access token with the stored refresh token (once at a time); false when signed out. */
export function refreshAccessToken(): Promise<boolean> {
  refreshing ??= (async () => {
    const refreshToken = localStorage.getItem(refreshKey);
    if (!refreshToken) return false;
    let response: Response;
    try {
      response = await fetch("/api/v1/auth/refresh", {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ refreshToken }),
      });
    } catch {
      return false; // offline: keep the session; reads come from the offline copies meanwhile
    }
    if (!response.ok) { if (response.status === 401) forgetSession(); return false; }
    keepSession(await response.json());
    return true;
  })().finally(() => { refreshing = null; });
  return refreshing;
}

/** Sends one request with the access token (renewed once on 401); throws an ApiError for any error answer. */
async function send(method: string, path: string, body?: unknown, retried = false): Promise<Response> {
  if (accessToken === null && !retried && localStorage.getItem(refreshKey)) await refreshAccessToken();
  const headers: Record<string, string> = {};
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) { headers["Content-Type"] = "application/json"; payload = JSON.stringify(body); }

  const response = await fetch("/api/v1" + path, { method, headers, body: payload });
  noteFreshness(response);
  if (response.status === 401 && !retried && localStorage.getItem(refreshKey) && await refreshAccessToken())
    return send(method, path, body, true);
  if (!response.ok) {
    const error = await toError(response);
    if (error.code === "account_suspended") restrictedListeners.forEach(listener => listener());
    throw error;
  }
  return response;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await send(method, path, body);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A file behind authentication (e.g. a data export), as a Blob to save. */
export async function download(path: string): Promise<Blob> {
  return await (await send("GET", path)).blob();
}

async function toError(response: Response): Promise<ApiError> {
  let problem: Problem = {};
  try { problem = await response.json(); } catch { /* not JSON */ }
  const retry = response.headers.get("Retry-After");
  const fields = problem.errors ?? {};
  const details = Object.values(fields).flat();
  const message = details.length > 0 ? details.join(" ")
    : response.status === 429 ? `Too many requests. Try again in ${retry ?? "a few"} seconds.`
    : problem.detail ?? problem.title ?? `The server answered ${response.status}.`;
  return new ApiError(response.status, problem.code ?? "error", message, fields);
}

export const get = <T>(path: string) => api<T>("GET", path);
export const post = <T>(path: string, body?: unknown) => api<T>("POST", path, body ?? {});
export const patch = <T>(path: string, body: unknown) => api<T>("PATCH", path, body);
export const put = <T>(path: string, body: unknown) => api<T>("PUT", path, body);
export const del = <T>(path: string, body?: unknown) => api<T>("DELETE", path, body);

/**
 * Uploads one image to /media, reporting progress (fetch cannot, XMLHttpRequest can); renews the
 * access token once on 401 as every other request does.
 */
export async function uploadMedia(file: File, onProgress: (fraction: number) => void, retried = false): Promise<import("./types").Media> {
  if (accessToken === null && localStorage.getItem(refreshKey)) await refreshAccessToken();
  const request = new XMLHttpRequest();
  const done = new Promise<Response>((resolve, reject) => {
    request.upload.addEventListener("progress", event => { if (event.lengthComputable) onProgress(event.loaded / event.total); });
    request.addEventListener("load", () => resolve(new Response(request.status === 204 ? null : request.responseText, {
      status: request.status, headers: { "Content-Type": request.getResponseHeader("Content-Type") ?? "application/json", "Retry-After": request.getResponseHeader("Retry-After") ?? "" },
    })));
    request.addEventListener("error", () => reject(new TypeError("The upload did not reach the server.")));
  });
  request.open("POST", "/api/v1/media");
  if (accessToken) request.setRequestHeader("Authorization", `Bearer ${accessToken}`);
  const data = new FormData();
  data.append("file", file);
  request.send(data);
  const response = await done;
  if (response.status === 401 && !retried && localStorage.getItem(refreshKey) && await refreshAccessToken())
    return uploadMedia(file, onProgress, true);
  if (!response.ok) throw await toError(response);
  onProgress(1);
  return await response.json();
}
