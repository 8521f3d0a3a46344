/** A small camera for "Snapshot this scene", drawn like the icons in ui/icons.tsx (decorative). */
import type { SVGProps } from "react";

export function SnapshotIcon({ size = 16, ...rest }: SVGProps<SVGSVGElement> & { size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.5}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...rest}
    >
      <path d="M2.5 5.5h2.5l1-1.5h4l1 1.5h2.5v7h-11z" />
      <circle cx="8" cy="8.75" r="2" />
    </svg>
  );
}
