export interface AppInfo {
  name: 'Keyflow';
  version: string;
  /** 'electron' inside the desktop shell; 'browser' when the core runs under Node and serves Chromium; 'cli' for the command-line runner. */
  host: 'electron' | 'browser' | 'cli';
  /** The local person's display name, recorded as created-by/updated-by. */
  profileName: string;
  /** Browse… can open the system's file dialog (files.choose); otherwise Keyflow draws its own (files.list). */
  nativeFileDialogs: boolean;
}
