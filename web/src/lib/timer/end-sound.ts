import { rememberChoice, rememberedChoice } from '#lib/board/remembered.ts';

// The optional sound at a timer's end: three short beeps made with WebAudio (no file to load).
// Off until the person turns it on, as a sound nobody asked for is a surprise, and a screen
// reader's speech is drowned by it; the choice is remembered by this browser.

const SOUND_KEY = 'journeyboard.timer.sound';

let context: AudioContext | null = null;

/** Whether this browser plays the sound at a timer's end (off until turned on). */
export function endSoundOn(): boolean {
  return rememberedChoice(SOUND_KEY, false);
}

/**
 * Turns the sound on or off, and remembers it. Turning it on is a click: the audio context is
 * made (or woken) then, as browsers let a page play sound only after a person's gesture.
 */
export function setEndSound(on: boolean): void {
  rememberChoice(SOUND_KEY, on);
  if (on) void audio()?.resume();
}

function audio(): AudioContext | null {
  if (context) return context;
  if (typeof AudioContext === 'undefined') return null;
  context = new AudioContext();
  return context;
}

/** Plays the end sound, if this browser has it on and can play it. */
export function playEndSound(): void {
  if (!endSoundOn()) return;
  const ctx = audio();
  if (!ctx || ctx.state === 'closed') return;
  void ctx.resume();
  const start = ctx.currentTime + 0.05;
  for (let i = 0; i < 3; i += 1) {
    const at = start + i * 0.3;
    const tone = ctx.createOscillator();
    const gain = ctx.createGain();
    tone.type = 'sine';
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.2);
    tone.connect(gain).connect(ctx.destination);
    tone.start(at);
    tone.stop(at + 0.22);
  }
}
