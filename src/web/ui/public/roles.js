// What the signed-in user may do, as the server's guards decide it. The server refuses the rest
// regardless; the UI only leaves out what would be refused.
import { state } from './app.js';

/** Verifiers and admins act on leads and work orders; supervisors read. */
export const actsOnLeads = () => state.user.role !== 'supervisor';

/** Supervisors and admins put work orders under supervision (督办). */
export const supervises = () => state.user.role === 'supervisor' || state.user.role === 'admin';
