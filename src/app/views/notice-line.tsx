import { useLab, useLabSession } from '../lab-session-context';

/** The last command the machine refused or that failed; the page keeps running. */
export function NoticeLine() {
  const session = useLabSession();
  const notice = useLab((s) => s.notice);
  if (notice === undefined) return null;
  return (
    <div className="banner banner-notice" role="status">
      <span>{notice}</span>
      <button type="button" onClick={() => session.notify(undefined)}>
        Dismiss
      </button>
    </div>
  );
}
