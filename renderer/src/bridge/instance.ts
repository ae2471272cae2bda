import { createBridgeClient } from './client';

/** The one bridge of this window. */
export const bridge = createBridgeClient();
