/**
 * The frame for pages seen before sign-in (onboarding, login, invitation): one centred
 * card with the page's h1, so every public page has the same landmarks and heading order.
 */
import { Box, Center, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import type { ReactNode } from "react";
import { ColorSchemeToggle } from "../app/ColorSchemeToggle";
import classes from "./AuthFrame.module.css";
import { Logo } from "./Logo";

type AuthFrameProps = {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  width?: number;
};

export function AuthFrame({ title, description, children, footer, width = 440 }: AuthFrameProps) {
  useDocumentTitle(`${title} · Rapport`);
  return (
    <Box className={classes.page}>
      <Box component="header" px="lg" py="md">
        <Group justify="space-between">
          <Logo />
          <ColorSchemeToggle />
        </Group>
      </Box>
      <Center component="main" px="md" pb="xl" pt={{ base: "md", sm: 48 }}>
        <Stack w="100%" maw={width} gap="lg">
          <Stack gap={6}>
            <Title order={1} fz={28}>
              {title}
            </Title>
            {description && <Text c="dimmed">{description}</Text>}
          </Stack>
          <Paper withBorder shadow="sm" p={{ base: "lg", sm: "xl" }} radius="lg">
            {children}
          </Paper>
          {footer && (
            <Text size="sm" c="dimmed" ta="center">
              {footer}
            </Text>
          )}
        </Stack>
      </Center>
    </Box>
  );
}
