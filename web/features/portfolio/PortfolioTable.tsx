/**
 * The risk ranking: one row per account, lowest score first (the server's order, so there
 * are no sort controls), with the reason that costs it the most points beside the score.
 * Each name is a link to the account (the keyboard path); a click anywhere on the row goes
 * there too.
 */
import { Anchor, Table, Text } from "@mantine/core";
import type { MouseEvent } from "react";
import { Link, useNavigate } from "react-router";
import { useCurrentMe } from "../../app/session";
import { formatDateTime, formatRelative } from "../../components/format";
import { tierLabel } from "../accounts/accounts.model";
import { HealthBadge, TrendIndicator } from "../health/HealthBadge";
import type { PortfolioAccount } from "../health/health.api";
import { trendLabels } from "../health/health.labels";

export function PortfolioTable({ rows, busy }: { rows: PortfolioAccount[]; busy: boolean }) {
  const me = useCurrentMe();
  const navigate = useNavigate();

  const openRow = (event: MouseEvent<HTMLTableRowElement>, row: PortfolioAccount) => {
    // The name link handles its own clicks (and middle/ctrl-clicks open a new tab).
    if ((event.target as HTMLElement).closest("a, button")) return;
    navigate(`/accounts/${row.accountId}`);
  };

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="Portfolio" aria-busy={busy}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={220}>Account</Table.Th>
            <Table.Th w={120}>Health</Table.Th>
            <Table.Th w={80}>7 days</Table.Th>
            <Table.Th>Top concern</Table.Th>
            <Table.Th w={130}>Owner</Table.Th>
            <Table.Th w={120}>Last touch</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody style={{ opacity: busy ? 0.6 : 1 }}>
          {rows.map((row) => (
            <Table.Tr
              key={row.accountId}
              onClick={(event) => openRow(event, row)}
              style={{ cursor: "pointer" }}
            >
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/accounts/${row.accountId}`}
                  fw={600}
                  c="var(--mantine-color-text)"
                >
                  {row.name}
                </Anchor>
                {/* Tier and segment under the name: the reason beside it needs the width. */}
                <Text size="xs" c="dimmed" truncate>
                  {[row.tier ? tierLabel(row.tier) : "No tier", row.segment ?? "No segment"].join(
                    " · ",
                  )}
                </Text>
              </Table.Td>
              <Table.Td>
                <HealthBadge score={row.score} band={row.band} />
              </Table.Td>
              <Table.Td title={`${trendLabels[row.trend]} over the last 7 days`}>
                <TrendIndicator trend={row.trend} change={row.change7d} />
              </Table.Td>
              <Table.Td>
                {row.topConcern ? (
                  <Text size="sm" lineClamp={2} title={row.topConcern}>
                    {row.topConcern}
                  </Text>
                ) : (
                  <Text size="sm" c="dimmed">
                    Nothing pulls it down
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm" truncate>
                  {row.ownerId === me.member.id ? "You" : (row.ownerName ?? "Former member")}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text
                  size="sm"
                  c={row.lastTouchAt ? undefined : "dimmed"}
                  title={row.lastTouchAt ? formatDateTime(row.lastTouchAt) : undefined}
                >
                  {formatRelative(row.lastTouchAt)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
