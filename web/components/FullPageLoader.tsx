/** Shown while the app learns whether anyone is signed in; labelled for screen readers. */
import { Center, Loader } from "@mantine/core";

export function FullPageLoader({ label = "Loading Rapport" }: { label?: string }) {
  return (
    <Center component="main" h="100vh" aria-busy="true">
      <Loader aria-label={label} />
    </Center>
  );
}
