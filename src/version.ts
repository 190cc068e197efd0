/** The scalecast version (package.json's; test/report/version.test.ts checks that they agree). */
export const VERSION = "0.1.0";
