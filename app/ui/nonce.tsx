import { createContext, useContext } from "react";

/** The CSP nonce for this response (server only; the browser never needs it). */
export const NonceContext = createContext<string | undefined>(undefined);
export const useNonce = () => useContext(NonceContext);
