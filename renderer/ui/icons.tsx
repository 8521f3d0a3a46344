/**
 * The few line icons the app uses, drawn inline so they follow the text colour and need no assets
 * (the CSP allows no remote fonts or images). All are decorative: buttons carry their own labels.
 */
import type { JSX, SVGProps } from "react";

type IconProps = SVGProps<SVGSVGElement> & { size?: number };

function svg(paths: JSX.Element, { size = 16, ...rest }: IconProps): JSX.Element {
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
      {paths}
    </svg>
  );
}

export const ChevronIcon = (p: IconProps) => svg(<path d="M6 4l4 4-4 4" />, p);
export const LockIcon = (p: IconProps) =>
  svg(
    <>
      <rect x="3.5" y="7" width="9" height="6.5" rx="1.5" />
      <path d="M5.5 7V5a2.5 2.5 0 015 0v2" />
    </>,
    p,
  );
export const UnlockIcon = (p: IconProps) =>
  svg(
    <>
      <rect x="3.5" y="7" width="9" height="6.5" rx="1.5" />
      <path d="M5.5 7V5a2.5 2.5 0 014.8-1" />
    </>,
    p,
  );
export const SparkIcon = (p: IconProps) => svg(<path d="M8 2v3M8 11v3M2 8h3M11 8h3M4 4l1.8 1.8M10.2 10.2L12 12M12 4l-1.8 1.8M5.8 10.2L4 12" />, p);
export const CascadeIcon = (p: IconProps) =>
  svg(
    <>
      <path d="M3 3h5M5 7.5h5M7 12h5" />
      <path d="M4 3.5v3.5a.5.5 0 00.5.5M6 8v3.5a.5.5 0 00.5.5" />
    </>,
    p,
  );
export const UndoIcon = (p: IconProps) => svg(<path d="M5.5 4L3 6.5 5.5 9M3 6.5h6.5a3.5 3.5 0 010 7H7" />, p);
export const RedoIcon = (p: IconProps) => svg(<path d="M10.5 4L13 6.5 10.5 9M13 6.5H6.5a3.5 3.5 0 000 7H9" />, p);
export const PlusIcon = (p: IconProps) => svg(<path d="M8 3.5v9M3.5 8h9" />, p);
export const PlusBelowIcon = (p: IconProps) => svg(<path d="M3 4h10M8 7v6M5 10h6" />, p);
export const TrashIcon = (p: IconProps) => svg(<path d="M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.6 8.5h5.8l.6-8.5" />, p);
export const DuplicateIcon = (p: IconProps) => svg(<path d="M5.5 5.5h7v7h-7zM3.5 10.5v-7h7" />, p);
export const MergeIcon = (p: IconProps) => svg(<path d="M4 3v3.5c0 1.5 4 2 4 4V13M12 3v3.5c0 1.5-4 2-4 4" />, p);
export const SplitIcon = (p: IconProps) => svg(<path d="M3 8h10M5 5.5L3 8l2 2.5M11 5.5L13 8l-2 2.5M8 3v2M8 11v2" />, p);
export const ArrowUpIcon = (p: IconProps) => svg(<path d="M8 13V3M4 7l4-4 4 4" />, p);
export const ArrowDownIcon = (p: IconProps) => svg(<path d="M8 3v10M4 9l4 4 4-4" />, p);
export const CheckIcon = (p: IconProps) => svg(<path d="M3.5 8.5l3 3 6-7" />, p);
export const CloseIcon = (p: IconProps) => svg(<path d="M4 4l8 8M12 4l-8 8" />, p);
export const MoreIcon = (p: IconProps) =>
  svg(
    <>
      <circle cx="3.5" cy="8" r="0.6" fill="currentColor" />
      <circle cx="8" cy="8" r="0.6" fill="currentColor" />
      <circle cx="12.5" cy="8" r="0.6" fill="currentColor" />
    </>,
    p,
  );
export const BackIcon = (p: IconProps) => svg(<path d="M9.5 3.5L5 8l4.5 4.5" />, p);
export const ChipIcon = (p: IconProps) =>
  svg(
    <>
      <rect x="4" y="4" width="8" height="8" rx="1.5" />
      <path d="M6 2v2M10 2v2M6 12v2M10 12v2M2 6h2M2 10h2M12 6h2M12 10h2" />
    </>,
    p,
  );
export const GearIcon = (p: IconProps) =>
  svg(
    <>
      <circle cx="8" cy="8" r="2" />
      <path d="M8 1.75v1.7M8 12.55v1.7M1.75 8h1.7M12.55 8h1.7M3.6 3.6l1.2 1.2M11.2 11.2l1.2 1.2M12.4 3.6l-1.2 1.2M4.8 11.2l-1.2 1.2" />
      <circle cx="8" cy="8" r="4.3" />
    </>,
    p,
  );
/** A small camera: "Snapshot this scene". */
export const SnapshotIcon = (p: IconProps) =>
  svg(
    <>
      <path d="M2.5 5.5h2.5l1-1.5h4l1 1.5h2.5v7h-11z" />
      <circle cx="8" cy="8.75" r="2" />
    </>,
    p,
  );
