/**
 * The import wizard (/people/import?kind=contacts|accounts|vcards): upload → mapping →
 * dry-run preview → import with progress → report. Nothing is written until the last
 * step's button; the preview is the same import run with dryRun=true, so what it reports
 * is what the import will do.
 */
import { Anchor, Button, Group, Paper, Stack, Stepper, Text, Title } from "@mantine/core";
import { IconArrowLeft, IconArrowRight, IconChevronLeft } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { type ImportKind, importKinds } from "../../../src/domains/imports/imports.inputs";
import { hasRole, useCurrentMe } from "../../app/session";
import { PageHeader } from "../../components/PageHeader";
import { checkFile } from "./file-check";
import { ImportRun } from "./ImportRun";
import { kindLabels, mappingProblems } from "./imports.labels";
import { MappingLoader } from "./MappingLoader";
import type { Mapping } from "./MappingStep";
import { type ChosenFile, UploadStep } from "./UploadStep";

type Step = "upload" | "mapping" | "preview" | "import";

function kindFrom(params: URLSearchParams): ImportKind {
  const kind = params.get("kind");
  return importKinds.includes(kind as ImportKind) ? (kind as ImportKind) : "contacts";
}

export function ImportWizardPage() {
  const me = useCurrentMe();
  const [params, setParams] = useSearchParams();
  const kind = kindFrom(params);
  const [chosen, setChosen] = useState<ChosenFile | null>(null);
  const [checking, setChecking] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [step, setStep] = useState<Step>("upload");
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [finished, setFinished] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const steps: Step[] =
    kind === "vcards"
      ? ["upload", "preview", "import"]
      : ["upload", "mapping", "preview", "import"];
  const active = finished ? steps.length : steps.indexOf(step);

  // Move focus to the new step's heading, so keyboard and screen-reader users follow along.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each step change
  useEffect(() => {
    headingRef.current?.focus();
  }, [step, finished]);

  const setKind = (next: ImportKind, why?: string) => {
    setParams(
      (previous) => {
        const copy = new URLSearchParams(previous);
        copy.set("kind", next);
        return copy;
      },
      { replace: true },
    );
    setMapping(null);
    setNote(why ?? null);
  };

  const choose = async (file: File) => {
    setChecking(true);
    setNote(null);
    setMapping(null);
    try {
      const check = await checkFile(file);
      setChosen({ file, check });
      // The file says what it is: import a vCard as vCards and a CSV as CSV.
      if (check.ok && check.kind === "vcard" && kind !== "vcards") {
        setKind("vcards", "This is a vCard file, so it will be imported as vCards (people).");
      } else if (check.ok && check.kind === "csv" && kind === "vcards") {
        setKind("contacts", "This is a CSV file, so it will be imported as people from CSV.");
      }
    } finally {
      setChecking(false);
    }
  };

  const restart = () => {
    setChosen(null);
    setMapping(null);
    setNote(null);
    setFinished(false);
    setStep("upload");
  };

  const csvKind = kind === "vcards" ? null : kind;
  const problems = csvKind && mapping ? mappingProblems(csvKind, mapping) : [];
  const canLeaveUpload = Boolean(chosen?.check.ok) && !checking;

  if (!hasRole(me.member.role, "member")) {
    return (
      <>
        <PageHeader title="Import" />
        <Text c="dimmed">
          Your role (viewer) reads Rapport but does not add to it. Ask a member or manager to import
          the file.
        </Text>
      </>
    );
  }

  const headings: Record<Step, string> = {
    upload: "Choose the file",
    mapping: "Match the columns",
    preview: "Preview: what the import will do",
    import: finished ? "Import finished" : "Importing",
  };

  return (
    <>
      <Anchor component={Link} to="/people" size="sm" mb="xs" display="inline-block">
        <Group gap={4} component="span">
          <IconChevronLeft size={14} aria-hidden />
          People
        </Group>
      </Anchor>
      <PageHeader
        title={`Import ${kindLabels[kind].noun}`}
        description="Bring people or accounts in from another tool. You see what will happen before anything is saved, and importing the same file again never creates duplicates."
      />

      <Stepper
        active={active}
        onStepClick={(index) => {
          const target = steps[index];
          // Going back is free until the import itself starts.
          if (target && index < active && step !== "import") setStep(target);
        }}
        allowNextStepsSelect={false}
        size="sm"
        mb="xl"
      >
        <Stepper.Step label="Upload" description={chosen?.file.name ?? "CSV or vCard"} />
        {kind !== "vcards" && <Stepper.Step label="Mapping" description="Columns to fields" />}
        <Stepper.Step label="Preview" description="A dry run" />
        <Stepper.Step label="Import" description="With progress" />
        <Stepper.Step label="Report" description="What happened" />
      </Stepper>

      <Paper withBorder radius="md" p={{ base: "md", sm: "xl" }}>
        <Stack gap="lg">
          <Title order={2} fz="xl" ref={headingRef} tabIndex={-1} style={{ outline: "none" }}>
            {headings[step]}
          </Title>

          {step === "upload" && (
            <>
              <UploadStep
                kind={kind}
                onKindChange={(next) => {
                  setKind(next);
                  setChosen(null);
                }}
                chosen={chosen}
                checking={checking}
                onChoose={choose}
                onClear={() => setChosen(null)}
                note={note}
              />
              <Group justify="flex-end">
                <Button
                  disabled={!canLeaveUpload}
                  rightSection={<IconArrowRight size={16} />}
                  onClick={() => setStep(kind === "vcards" ? "preview" : "mapping")}
                >
                  {kind === "vcards" ? "Preview the import" : "Next: match columns"}
                </Button>
              </Group>
            </>
          )}

          {step === "mapping" && chosen && csvKind && (
            <>
              <MappingLoader
                kind={csvKind}
                chosen={chosen}
                mapping={mapping}
                onMapping={setMapping}
                problems={problems}
              />
              <Group justify="space-between">
                <Button
                  variant="default"
                  leftSection={<IconArrowLeft size={16} />}
                  onClick={() => setStep("upload")}
                >
                  Back
                </Button>
                <Button
                  disabled={!mapping || problems.length > 0}
                  rightSection={<IconArrowRight size={16} />}
                  onClick={() => setStep("preview")}
                >
                  Next: preview
                </Button>
              </Group>
            </>
          )}

          {(step === "preview" || step === "import") && chosen && (
            <ImportRun
              key={step}
              kind={kind}
              file={chosen.file}
              mapping={mapping ?? undefined}
              dryRun={step === "preview"}
              onBack={() => setStep(kind === "vcards" ? "upload" : "mapping")}
              onImport={() => setStep("import")}
              onFinished={() => setFinished(true)}
              onRestart={restart}
            />
          )}
        </Stack>
      </Paper>
    </>
  );
}
