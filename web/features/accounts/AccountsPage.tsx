/** Accounts: the firm's clients, each with a Client 360 page. */
import {
  IconBuildingSkyscraper,
  IconHeartRateMonitor,
  IconMessages,
  IconUsers,
} from "@tabler/icons-react";
import { useCurrentMe } from "../../app/session";
import { PageHeader } from "../../components/PageHeader";
import { teamAction } from "../../components/TeamAction";
import { UpcomingArea } from "../../components/UpcomingArea";

export function AccountsPage() {
  const me = useCurrentMe();
  return (
    <>
      <PageHeader title="Accounts" description="The client organisations your firm serves." />
      <UpcomingArea
        icon={IconBuildingSkyscraper}
        headline="Your client accounts will be listed here"
        description="Each account gets a Client 360 page: the people in it, what they need, every interaction and how healthy the relationship is. Accounts arrive with the Client 360 release; meanwhile, invite your team in Settings so they are ready to take on their accounts."
        release="Arrives with the Client 360 release"
        action={teamAction(me)}
        features={[
          {
            icon: IconUsers,
            title: "People and teams",
            description: "Who you work with at the client, and who on your side owns it.",
          },
          {
            icon: IconMessages,
            title: "Every interaction",
            description: "Calls, meetings and notes in one timeline.",
          },
          {
            icon: IconHeartRateMonitor,
            title: "Relationship health",
            description: "A score per account, with the reasons it moved.",
          },
        ]}
      />
    </>
  );
}
