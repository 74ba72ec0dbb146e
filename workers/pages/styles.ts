/**
 * The one stylesheet, small enough to ship inside every page: a phone on a weak signal gets the page whole in one
 * answer. Made for a 360-px screen first; touch targets are at least 44 px; focus is always visible.
 */
export const styles = `
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 17px/1.55 system-ui, -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #1b1f24; background: #f6f8fa; }
a { color: #0b57d0; }
a:hover { color: #062e6f; }
:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; box-shadow: 0 0 0 5px #1b1f24; }
.skip { position: absolute; left: -999px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.skip:focus { left: .5rem; top: .5rem; background: #fff; padding: .5rem; z-index: 2; }
.site-header { background: #0b3d2e; color: #fff; padding: .5rem 1rem; }
.site-header a, .site-header button.link { color: #fff; }
.site-header .bar { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: center; justify-content: space-between; max-width: 48rem; margin: 0 auto; }
.site-header .app { font-weight: 700; text-decoration: none; }
.who { font-size: .9rem; display: flex; flex-wrap: wrap; gap: .25rem .75rem; align-items: center; }
.who form { margin: 0; }
button.link { background: none; border: 0; padding: .5rem 0; min-height: 44px; font: inherit; text-decoration: underline; cursor: pointer; color: inherit; }
.site-nav { background: #fff; border-bottom: 1px solid #d0d7de; }
.site-nav ul { display: flex; flex-wrap: wrap; gap: 0 1rem; list-style: none; margin: 0 auto; padding: 0 1rem; max-width: 48rem; }
.site-nav a { display: inline-block; padding: .6rem 0; min-height: 44px; }
.site-nav a[aria-current=page] { font-weight: 700; text-decoration: none; border-bottom: 3px solid #0b3d2e; }
main { display: block; max-width: 48rem; margin: 0 auto; padding: 1rem; background: #fff; min-height: 60vh; }
h1 { font-size: 1.5rem; line-height: 1.3; margin: .5rem 0 1rem; }
h2 { font-size: 1.2rem; }
.lead { font-size: 1.05rem; }
label, .label { display: block; font-weight: 600; }
.field { margin: 0 0 1.25rem; }
.hint { display: block; color: #57606a; font-weight: normal; font-size: .95rem; margin: .1rem 0 .3rem; }
input[type=text], input[type=tel], input[type=url], input[type=datetime-local], input[type=password], select, textarea {
  display: block; width: 100%; min-height: 44px; padding: .5rem .6rem; font: inherit; color: inherit; background: #fff;
  border: 2px solid #57606a; border-radius: 4px; margin-top: .25rem; }
textarea { min-height: 6rem; }
[aria-invalid=true] { border-color: #b42318; }
.field.invalid { border-left: 4px solid #b42318; padding-left: .75rem; }
.field-error { color: #b42318; font-weight: 700; margin: .25rem 0; }
fieldset { border: 0; padding: 0; margin: 0 0 1.25rem; min-width: 0; }
legend { font-weight: 700; padding: 0; margin-bottom: .3rem; font-size: 1.05rem; }
fieldset.party { border: 1px solid #d0d7de; border-radius: 6px; padding: .75rem; margin-bottom: .75rem; }
.choices { display: grid; gap: .5rem; }
.choice { display: flex; align-items: center; gap: .75rem; min-height: 48px; padding: .5rem .75rem; border: 2px solid #d0d7de; border-radius: 6px; font-weight: normal; cursor: pointer; background: #fff; }
.choice input { width: 28px; height: 28px; margin: 0; flex: none; accent-color: #0b3d2e; }
.choice:has(input:checked) { border-color: #0b3d2e; background: #eaf5ef; }
.readonly { padding: .5rem 0; }
button, .button { display: inline-block; min-height: 44px; font: inherit; font-weight: 600; padding: .6rem 1.4rem; background: #0b3d2e; color: #fff; border: 0; border-radius: 6px; cursor: pointer; text-decoration: none; }
button.secondary, .button.secondary { background: #eaeef2; color: #1b1f24; border: 2px solid #8c959f; }
button.warning { background: #fff; color: #b42318; border: 2px solid #b42318; }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; margin: 1rem 0; }
.error-summary { border: 4px solid #b42318; padding: .75rem 1rem; margin-bottom: 1.5rem; }
.error-summary h2 { margin: 0 0 .5rem; }
.error-summary a { color: #b42318; font-weight: 700; }
.notice { border-left: 6px solid #0b57d0; background: #eef4ff; padding: .75rem 1rem; margin: 0 0 1rem; }
.notice.success { border-color: #1a7f37; background: #eaf5ef; }
.notice.important { border-color: #9a6700; background: #fff8c5; font-weight: 600; }
.status-line { min-height: 1.5rem; }
dl.summary { display: grid; grid-template-columns: minmax(6rem, max-content) 1fr; gap: .4rem 1rem; }
dl.summary dt { font-weight: 600; }
dl.summary dd { margin: 0; overflow-wrap: anywhere; }
ul.cards { list-style: none; padding: 0; margin: 0; display: grid; gap: .75rem; }
ul.cards li { border: 1px solid #d0d7de; border-radius: 6px; padding: .75rem; }
ul.cards a.card-link { display: block; font-size: 1.1rem; font-weight: 700; min-height: 44px; }
.tag { display: inline-block; padding: 0 .5rem; border-radius: 4px; background: #eaeef2; font-size: .9rem; }
.tag.joined { background: #fff8c5; }
.muted { color: #57606a; font-size: .95rem; }
.site-footer { max-width: 48rem; margin: 0 auto; padding: 1rem; color: #57606a; font-size: .9rem; }
.channel-tabs { display: flex; flex-wrap: wrap; gap: .5rem; list-style: none; padding: 0; margin: 0 0 1rem; }
.channel-tabs a { display: inline-block; min-height: 44px; padding: .55rem .75rem; border: 2px solid #d0d7de; border-radius: 6px; text-decoration: none; font-size: .95rem; }
.channel-tabs a[aria-current=page] { border-color: #0b3d2e; background: #eaf5ef; color: #0b3d2e; font-weight: 700; }
.mark { display: inline-block; padding: 0 .5rem; border-radius: 4px; font-size: .9rem; font-weight: 700; border: 1px solid #57606a; background: #eaeef2; }
.mark.warning { background: #fff8c5; color: #6b4400; border-color: #9a6700; }
.mark.breached { background: #b42318; color: #fff; border-color: #b42318; }
.mark.escalated { background: #ffe2dd; color: #8c1d18; border-color: #b42318; }
ul.clocks { list-style: none; padding: 0; margin: .25rem 0; display: grid; gap: .25rem; }
ul.clocks li { padding-left: .6rem; border-left: 4px solid #d0d7de; }
ul.clocks li.warning { border-left-color: #9a6700; }
ul.clocks li.breached { border-left-color: #b42318; }
.step { border: 1px solid #d0d7de; border-radius: 6px; padding: .75rem; margin: 0 0 .75rem; }
.step h3 { margin: 0 0 .5rem; font-size: 1.1rem; }
details.step > summary { cursor: pointer; font-weight: 700; min-height: 44px; padding: .5rem 0; }
.refusal { border-left: 6px solid #b42318; background: #fdecea; padding: .5rem .75rem; font-weight: 600; margin: 0 0 .75rem; }
ol.timeline { list-style: none; padding: 0 0 0 .75rem; margin: 0; border-left: 3px solid #d0d7de; }
ol.timeline li { padding: 0 0 .6rem; }
ul.cards li.unread { border-left: 6px solid #0b57d0; }
.pager { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1rem 0; }
@media (min-width: 40rem) { .choices { grid-template-columns: 1fr 1fr; } }
`;
