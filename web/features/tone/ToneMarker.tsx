/**
 * The tone of a touch or survey answer on the timeline: a quiet badge ("Positive tone"),
 * the score and any correction in its tooltip, and for members a menu with "Correct the
 * tone". It asks for the tone only once the entry has been on screen, so a long history
 * does not fire a request per entry at once (the API has no batch read of tone).
 */
import { Badge, Menu, Text, Tooltip, UnstyledButton } from "@mantine/core";
import { useInViewport } from "@mantine/hooks";
import { IconPencil } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import type { ToneSubject } from "../../../src/domains/tone/tone.inputs";
import { CorrectToneModal } from "./CorrectToneModal";
import { type Tone, useTone } from "./tone.api";
import { formatToneScore, toneColors, toneLabelShort, toneLabelWords } from "./tone.labels";

type ToneMarkerProps = {
  subjectType: ToneSubject;
  subjectId: string;
  /** Members and above may correct the tone (viewers read it). */
  mayCorrect: boolean;
};

function explain(tone: Tone): string {
  const computed = `Score ${formatToneScore(tone.score)}: reads ${toneLabelShort[tone.label].toLowerCase()}`;
  return tone.correctedLabel
    ? `${computed}; corrected to ${toneLabelShort[tone.correctedLabel].toLowerCase()} by a member`
    : `${computed} (below −0.10 is negative, above +0.10 positive)`;
}

export function ToneMarker({ subjectType, subjectId, mayCorrect }: ToneMarkerProps) {
  const { ref, inViewport } = useInViewport();
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    if (inViewport) setSeen(true);
  }, [inViewport]);
  const tone = useTone(subjectType, subjectId, { enabled: seen });
  const [correcting, setCorrecting] = useState(false);
  const data = tone.data;

  // Not scored (yet), or not in view yet: nothing to say, but keep the anchor for the observer.
  if (!data) return <span ref={ref} />;
  const label = data.effectiveLabel;
  const badge = (
    <Badge size="sm" variant="light" color={toneColors[label]} tt="none" fw={500}>
      {toneLabelWords[label]}
      {data.correctedLabel && " (corrected)"}
    </Badge>
  );

  return (
    <span ref={ref}>
      {mayCorrect ? (
        // No closing transition: the correction dialog opens at once, and a half-closed menu
        // left under it is a menu without visible items to screen readers.
        <Menu position="bottom-start" shadow="md" width={260} transitionProps={{ duration: 0 }}>
          <Tooltip label={explain(data)} withArrow openDelay={200} multiline maw={280}>
            <Menu.Target>
              <UnstyledButton
                aria-label={`${toneLabelWords[label]}${data.correctedLabel ? " (corrected)" : ""}, score ${formatToneScore(data.score)}: tone options`}
                style={{ lineHeight: 0, borderRadius: 999 }}
              >
                {badge}
              </UnstyledButton>
            </Menu.Target>
          </Tooltip>
          <Menu.Dropdown>
            <Menu.Label>
              <Text span size="xs">
                {explain(data)}
              </Text>
            </Menu.Label>
            <Menu.Item
              leftSection={<IconPencil size={16} aria-hidden />}
              onClick={() => setCorrecting(true)}
            >
              Correct the tone
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      ) : (
        <Tooltip label={explain(data)} withArrow openDelay={200} multiline maw={280}>
          {badge}
        </Tooltip>
      )}
      {correcting && <CorrectToneModal tone={data} opened onClose={() => setCorrecting(false)} />}
    </span>
  );
}
