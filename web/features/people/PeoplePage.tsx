/** People: the contacts at client accounts, across the whole firm. */
import { IconAddressBook, IconGift, IconHierarchy2, IconLock } from "@tabler/icons-react";
import { useCurrentMe } from "../../app/session";
import { PageHeader } from "../../components/PageHeader";
import { teamAction } from "../../components/TeamAction";
import { UpcomingArea } from "../../components/UpcomingArea";

export function PeoplePage() {
  const me = useCurrentMe();
  return (
    <>
      <PageHeader title="People" description="The people you work with at your clients." />
      <UpcomingArea
        icon={IconAddressBook}
        headline="The people behind your accounts"
        description="Contacts will appear here as accounts are added: their roles, how they connect to each other and what they care about. They arrive with the Client 360 release, together with accounts."
        release="Arrives with the Client 360 release"
        action={teamAction(me)}
        features={[
          {
            icon: IconHierarchy2,
            title: "Who decides",
            description: "An org chart per account showing sponsors, champions and blockers.",
          },
          {
            icon: IconGift,
            title: "Personal touches",
            description: "Birthdays, interests and the gifts you have sent.",
          },
          {
            icon: IconLock,
            title: "Private by default",
            description: "Personal details only for the account's team, and every read is audited.",
          },
        ]}
      />
    </>
  );
}
