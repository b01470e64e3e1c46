import type { Request, Response } from 'express';
import { KNOWN_DEVICE_DAYS } from '../../auth/login-devices.js';

export const SESSION_COOKIE = 'cr_sid';
/** Marks a browser that logged in before (login throttling); sent only to the login endpoint. */
export const DEVICE_COOKIE = 'cr_dev';

/** The value of one cookie from the Cookie header (first occurrence wins), or undefined. */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** HttpOnly + SameSite=Strict always; Secure when the request came over TLS (directly or via a trusted proxy). */
export function setSessionCookie(req: Request, res: Response, token: string, expiresAt: string): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', expires: new Date(expiresAt) });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
}

export function setDeviceCookie(req: Request, res: Response, token: string): void {
  res.cookie(DEVICE_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/api/auth/login', maxAge: KNOWN_DEVICE_DAYS * 86_400_000 });
}
