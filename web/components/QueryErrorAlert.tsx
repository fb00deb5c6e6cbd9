/** A failed load, said plainly, with a retry; 403 explains that the role is the reason. */
import { Alert, Button } from "@mantine/core";
import { IconAlertTriangle, IconLock } from "@tabler/icons-react";
import { ApiError, describeError } from "../app/api";

export function QueryErrorAlert({
  error,
  onRetry,
  what,
}: {
  error: unknown;
  onRetry?: () => void;
  what: string;
}) {
  const forbidden = error instanceof ApiError && error.status === 403;
  return (
    <Alert
      color={forbidden ? "gray" : "red"}
      icon={forbidden ? <IconLock size={18} /> : <IconAlertTriangle size={18} />}
      title={forbidden ? `Your role cannot see ${what}` : `Could not load ${what}`}
    >
      {describeError(error)}
      {!forbidden && onRetry && (
        <Button size="xs" variant="default" mt="sm" display="block" onClick={onRetry}>
          Try again
        </Button>
      )}
    </Alert>
  );
}
