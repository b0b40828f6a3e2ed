/** The fault and request-log part of every emulator's control. */
export function faultAndLogControl<Spec, Filter, Entry>(faults: { add(spec: Spec): void; clear(): void }, log: { list(filter?: Filter): Entry[] }) {
  return {
    requests: (filter?: Filter): Entry[] => log.list(filter),
    injectFault: (fault: Spec): void => faults.add(fault),
    clearFaults: (): void => faults.clear(),
  };
}
