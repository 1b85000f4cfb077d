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

/** A form's problems, by field: what the page shows beside each failing field. */
export type FieldProblems<F extends string> = Partial<Record<F, string>>;

/** Every problem of a sign-up form, by field. */
export function signUpProblems(form: {
  name: string;
  email: string;
  password: string;
}): FieldProblems<'name' | 'email' | 'password'> {
  return withoutNone({
    name: checkName(form.name),
    email: checkEmail(form.email),
    password: checkPassword(form.password),
  });
}

/** Every problem of a sign-in form, by field: only what is missing or cannot be an email. */
export function signInProblems(form: {
  email: string;
  password: string;
}): FieldProblems<'email' | 'password'> {
  return withoutNone({
    email: checkEmail(form.email),
    password: form.password === '' ? m.check_password_empty() : null,
  });
}

/** The first field, in the form's order, that has a problem: the one to focus. */
export function firstFailing<F extends string>(problems: FieldProblems<F>, order: readonly F[]): F | null {
  return order.find((field) => problems[field] !== undefined) ?? null;
}

function withoutNone<F extends string>(checked: Record<F, string | null>): FieldProblems<F> {
  const problems: FieldProblems<F> = {};
  for (const field of Object.keys(checked) as F[]) {
    const problem = checked[field];
    if (problem !== null) problems[field] = problem;
  }
  return problems;
}
