import { useSyncExternalStore } from "react";

const noSubscribe = () => () => {};

/** False while server-rendering (and without JavaScript), true once hydrated. */
export function useHydrated() {
  return useSyncExternalStore(noSubscribe, () => true, () => false);
}
