/**
 * Pagination for cursor lists: says how many rows are loaded (and how many of them the
 * current filter shows) and fetches the next page on request.
 */
import { Button, Group, Text } from "@mantine/core";

type LoadMoreProps = {
  /** Rows shown after filtering. */
  shown: number;
  /** Rows loaded from the server so far. */
  loaded: number;
  noun: readonly [singular: string, plural: string];
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
};

export function LoadMore({ shown, loaded, noun, hasMore, loading, onLoadMore }: LoadMoreProps) {
  const word = loaded === 1 ? noun[0] : noun[1];
  const count = shown === loaded ? `${loaded} ${word}` : `${shown} of ${loaded} ${word} shown`;
  return (
    <Group justify="space-between" mt="md">
      <Text size="sm" c="dimmed" aria-live="polite">
        {hasMore ? `${count}, more to load` : count}
      </Text>
      {hasMore && (
        <Button variant="default" size="xs" loading={loading} onClick={onLoadMore}>
          Load more
        </Button>
      )}
    </Group>
  );
}
