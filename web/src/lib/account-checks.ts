import { m } from './paraglide/messages.js';

// The same rules the server applies (server/src/auth/auth-service.ts), checked first here so that
// the reader gets the message in their language and without a round trip.
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
export const NAME_MAX = 80;

/** A display name's problem, or null. */
export function checkName(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return m.check_name_empty();
  if ([...trimmed].length > NAME_MAX) return m.check_name_long({ max: String(NAME_MAX) });
  return null;
}

/** An email address's problem, or null. */
export function checkEmail(email: string): string | null {
  const trimmed = email.trim();
  return trimmed.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed) ? m.check_email() : null;
}

/** A new password's problem, or null. */
export function checkPassword(password: string): string | null {
  if ([...password].length < PASSWORD_MIN) return m.check_password_short({ min: String(PASSWORD_MIN) });
  if (password.length > PASSWORD_MAX) return m.check_password_long({ max: String(PASSWORD_MAX) });
  return null;
}

/** The first problem of a sign-up form, or null. */
export function checkSignUp(form: { name: string; email: string; password: string }): string | null {
  return checkName(form.name) ?? checkEmail(form.email) ?? checkPassword(form.password);
}
