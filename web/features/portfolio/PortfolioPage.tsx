/**
 * Portfolio: the leaders' view (DESIGN §1), every live account ranked by risk. Band counts
 * and a band-by-tier chart on top, then the ranking with each account's top concern, so a
 * leader sees where to step in and why before opening a single account.
 */
import { Button, Card, EmptyState } from "@mantine/core";
import {
  IconBuildingSkyscraper,
  IconFilterOff,
  IconMoodHappy,
  IconSearch,
} from "@tabler/icons-react";
import { useMemo } from "react";
import { Link } from "react-router";
import { TREND_THRESHOLD } from "../../../src/domains/health/health.inputs";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { QueryErrorAlert } from "../../components/QueryErrorAlert";
import { usePortfolio, usePortfolioSummary } from "../health/health.api";
import { PortfolioFilters } from "./PortfolioFilters";
import { PortfolioOverview } from "./PortfolioOverview";
import { PortfolioTable } from "./PortfolioTable";
import { toPortfolioQuery, usePortfolioParams } from "./portfolio.params";

export function PortfolioPage() {
  const { filters, filtered, update, clear } = usePortfolioParams();
  const query = useMemo(() => toPortfolioQuery(filters), [filters]);
  const portfolio = usePortfolio(query);
  const summary = usePortfolioSummary({
    ...(filters.ownerId ? { ownerId: filters.ownerId } : {}),
    ...(filters.segment ? { segment: filters.segment } : {}),
  });

  const rows = useMemo(
    () => portfolio.data?.pages.flatMap((page) => page.data) ?? [],
    [portfolio.data],
  );
  const seenSegments = useMemo(
    () => [...new Set(rows.flatMap((row) => (row.segment ? [row.segment] : [])))],
    [rows],
  );
  const empty = portfolio.isSuccess && rows.length === 0;
  const nothingYet = empty && !filtered && !filters.declined;

  return (
    <>
      <PageHeader
        title="Portfolio"
        description="Every live account ranked by health, riskiest first, with the reason that weighs on it most."
      />
      {summary.isError ? (
        <QueryErrorAlert
          error={summary.error}
          what="the band counts"
          onRetry={() => summary.refetch()}
        />
      ) : (
        !nothingYet && (
          <PortfolioOverview
            summary={summary.data}
            narrowed={Boolean(filters.tier || filters.band || filters.declined)}
          />
        )
      )}
      {!nothingYet && (
        <PortfolioFilters
          filters={filters}
          filtered={filtered}
          update={update}
          onClear={clear}
          seenSegments={seenSegments}
        />
      )}

      {portfolio.isError ? (
        <QueryErrorAlert
          error={portfolio.error}
          what="the portfolio"
          onRetry={() => portfolio.refetch()}
        />
      ) : empty ? (
        <Card withBorder radius="lg" py="xl">
          {nothingYet ? (
            <EmptyState variant="light">
              <EmptyState.Indicator>
                <IconBuildingSkyscraper size={28} stroke={1.5} />
              </EmptyState.Indicator>
              <EmptyState.Title order={2}>No accounts to rank yet</EmptyState.Title>
              <EmptyState.Description maw={540}>
                The portfolio ranks live accounts by health. Once your team adds clients and logs
                touches, they appear here with their score and the reason behind it.
              </EmptyState.Description>
              <EmptyState.Actions>
                <Button component={Link} to="/accounts" variant="default">
                  Go to Accounts
                </Button>
              </EmptyState.Actions>
            </EmptyState>
          ) : filtered ? (
            <EmptyState>
              <EmptyState.Indicator>
                <IconSearch size={28} stroke={1.5} />
              </EmptyState.Indicator>
              <EmptyState.Title order={2}>No account matches</EmptyState.Title>
              <EmptyState.Description maw={520}>
                {filters.declined
                  ? "No account matching these filters declined in the last 7 days. Clear the filters to see every account that did."
                  : "Nothing matches these filters. Loosen them, or clear them to see the whole portfolio."}
              </EmptyState.Description>
              <EmptyState.Actions>
                <Button
                  variant="default"
                  leftSection={<IconFilterOff size={16} aria-hidden />}
                  onClick={clear}
                >
                  Clear filters
                </Button>
              </EmptyState.Actions>
            </EmptyState>
          ) : (
            <EmptyState variant="light">
              <EmptyState.Indicator>
                <IconMoodHappy size={28} stroke={1.5} />
              </EmptyState.Indicator>
              <EmptyState.Title order={2}>No account declined in the last 7 days</EmptyState.Title>
              <EmptyState.Description maw={540}>
                No score fell by {TREND_THRESHOLD} points or more against its score a week ago.
              </EmptyState.Description>
              <EmptyState.Actions>
                <Button variant="default" onClick={() => update({ declined: null })}>
                  See all accounts
                </Button>
              </EmptyState.Actions>
            </EmptyState>
          )}
        </Card>
      ) : (
        <PortfolioTable rows={rows} busy={portfolio.isPending || portfolio.isPlaceholderData} />
      )}
      {portfolio.isSuccess && rows.length > 0 && (
        <LoadMore
          shown={rows.length}
          loaded={rows.length}
          noun={["account", "accounts"]}
          hasMore={portfolio.hasNextPage}
          loading={portfolio.isFetchingNextPage}
          onLoadMore={() => portfolio.fetchNextPage()}
        />
      )}
    </>
  );
}
