/** Choosing a folder or a workspace file on this computer (Browse…): a folder's listing, never a file's content. */

export const PATH_KINDS = ['folder', 'workspace-file', 'save-folder'] as const;
/** What is being chosen: a folder (to create a workspace in), a workspace file (to open), or a folder to save a file in (a recovery kit). */
export type PathKind = (typeof PATH_KINDS)[number];

/** The file name ending of a team workspace file. */
export const WORKSPACE_FILE_EXTENSION = '.keyflow';

export interface FolderEntry {
  name: string;
  path: string;
  kind: 'folder' | 'workspace-file';
}

export interface FolderListing {
  /** The folder listed, absolute. */
  path: string;
  /** Its parent folder; null at the top (a root or a drive). */
  parent: string | null;
  /** Folders, then workspace files, each sorted by name; hidden ones left out. */
  entries: FolderEntry[];
  /** Places to start from: the home folder, and the drives on Windows. */
  places: { name: string; path: string }[];
  /** More entries than are shown. */
  truncated: boolean;
}
