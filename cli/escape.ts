/**
 * Control characters in messages. Error lines quote text from the user's files (a trace
 * line, a CSV cell, a file name); printed raw, an ESC or a carriage return in them would
 * drive the terminal (recolour it, overwrite the line) instead of showing what is wrong.
 * Every message the CLI prints goes through `escapeControls`.
 */

/** C0 (U+0000..U+001F, U+007F) and C1 (U+0080..U+009F) controls, except tab. */
const CONTROLS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

/** The text with every control character except tab shown as \xNN: one printable line. */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/**
 * A multi-line report: the same, but its own newlines kept. For stdout reports that quote
 * input files (replay, explain), whose layout is lines.
 */
export function escapeControlsKeepLines(text: string): string {
  return text.split("\n").map(escapeControls).join("\n");
}
