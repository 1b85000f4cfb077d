import { WrongPassword } from '../auth/auth-service.ts';
import { MINUTES_15, RateLimiter } from '../auth/rate-limiter.ts';
import { refuseWhenLimited } from './responses.ts';

/** Wrong passwords one address may try on one account in 15 minutes. */
export const GUESSES_PER_ACCOUNT_AND_ADDRESS = 5;
/** Wrong passwords one account may get from all addresses together in 15 minutes. */
export const GUESSES_PER_ACCOUNT = 100;

/**
 * Slows password guessing without letting a stranger lock the owner out. Only wrong passwords
 * count, and they count per (account, address): someone guessing from their own address stops
 * after a few tries while the owner, elsewhere, still signs in. A far higher account-wide ceiling
 * stops a guesser who spreads tries over many addresses. A right password clears its address's
 * count, so the owner who mistyped a few times is not held up afterwards.
 */
export class PasswordGuesses {
  private readonly byPair = new RateLimiter(GUESSES_PER_ACCOUNT_AND_ADDRESS, MINUTES_15);
  private readonly byAccount = new RateLimiter(GUESSES_PER_ACCOUNT, MINUTES_15);

  /**
   * Runs `check` (which throws `WrongPassword` for a wrong one) for `account` from `address`, or
   * refuses with 429 when either limit is reached, even before a right password.
   */
  async guard<T>(account: string, address: string, check: () => Promise<T>): Promise<T> {
    const pair = `${account}\n${address}`;
    // Recorded before the slow check, so guesses sent at once cannot all pass; refunded after.
    refuseWhenLimited(this.byPair.hit(pair));
    const accountWait = this.byAccount.hit(account);
    if (accountWait > 0) {
      this.byPair.refund(pair);
      refuseWhenLimited(accountWait);
    }
    try {
      const result = await check();
      this.byPair.reset(pair);
      this.byAccount.refund(account);
      return result;
    } catch (error) {
      if (!(error instanceof WrongPassword)) {
        this.byPair.refund(pair);
        this.byAccount.refund(account);
      }
      throw error;
    }
  }
}
