import { INVITE_MAX_SECONDS } from '../invites.js';

/** What `vereinsraum --help` prints. */
export const USAGE = `Usage: vereinsraum <command> [options]

Commands:
  serve --config FILE [--data DIR] [--port N] [--host H] [--public-origin URL] [--trust-proxy] [--cdn DIR]
        [--allowed-host HOST ...]
        Run the server helper: the API (/v1/), the element bundles for club
        pages (/cdn/, from the installed @vereinsraum/elements, or from DIR
        with --cdn) and the operators' booking page (/admin).
        Port from --port, else $PORT, else 8080.
        Host defaults to 127.0.0.1 (put a reverse proxy with TLS in front).
        Behind a proxy: --public-origin is the address visitors use (default:
        the config's publicOrigin), and --trust-proxy takes the client's
        address from X-Forwarded-For. Without a public origin, only requests
        for loopback hosts and those named by --allowed-host are answered.
        The key set is DIR/keys.json (created if missing); bookings, their
        mails and revoked invites are kept in DIR/vereinsraum.db (SQLite),
        or in the PostgreSQL database of the config's store section, shared
        by several instances: then the key set is never created here (make
        it once with keys generate, give every instance the same keys.json).
        DIR defaults to ./data.
        SIGHUP reads the configuration and the key set again (a file with
        mistakes is refused and the old one kept); so does a change of
        keys.json. SIGTERM or SIGINT stops the server.
  check --config FILE [--probe]
        Validate a configuration file and its environment variables, and
        warn about tenant colours that are hard to read (WCAG AA contrast)
        and a missing publicOrigin.
        With --probe, also contact every back end and the mail server once
        (BigBlueButton's secret, Jitsi's room-size endpoint, Mattermost's bot
        token and teams, SMTP's greeting and login); exit code 1 if one fails.
  keys generate [--data DIR] [--rsa]
        Add a new EdDSA key (and an RSA key for Jitsi RS256 with --rsa) to
        DIR/keys.json. New tokens use the newest key; a running server reads
        the file again within seconds. Older keys still verify until you
        remove them.
  keys list [--data DIR]
  keys remove --kid KID [--data DIR]
        Tokens signed with that key stop working (a running server notices
        within seconds).
  invite create --config FILE --room [TENANT/]ROOM --role moderator|attendee
                --expires 30d [--page URL] [--data DIR]
        Make an invite (lifetime in m, h or d; at most ${INVITE_MAX_SECONDS / 86_400}d), kept in
        the store: a short token, ID.SECRET. With --page, print the
        link: URL#invite=TOKEN. TENANT may be left out if there is only one.
  invite revoke --id ID [--config FILE] [--data DIR]
        Revoke an invite by its id (--jti for one made before short links);
        a running server notices at once. With a PostgreSQL store, give the
        --config that names it.
  bookings list --config FILE [--status pending|approved|rejected|cancelled] [--tenant T] [--json] [--data DIR]
  bookings approve --config FILE --id ID [--data DIR]
        Approve a pending booking: its room and invite links are made and
        the contact person gets them by e-mail (or in the outbox).
  bookings reject --config FILE --id ID [--reason TEXT] [--data DIR]
  bookings cancel --config FILE --id ID --reason TEXT [--data DIR]
        Cancel a pending or approved booking: its invite links stop working
        and the contact person gets an e-mail with the reason.
  bookings trust --config FILE --tenant T --email ADDRESS [--untrust] [--data DIR]
        Later bookings from this address are approved at once.
  bookings purge --config FILE [--data DIR]
        Delete bookings whose retention has passed (the server also does
        this when it starts and every day).
  usage --config FILE [--tenant T | --region R] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
        [--group day|week|room] [--csv | --json] [--data DIR]
        Usage figures (counts only) of all tenants, a region or one tenant:
        a sentence with the totals, then a table (default: the last 14 days,
        per day), or CSV or JSON with what each figure means.
  clubs list --config FILE [--status unconfirmed|pending|active|suspended|rejected] [--region R] [--json] [--data DIR]
        Clubs that registered themselves (confirmed ones unless --status
        unconfirmed), newest first.
  clubs approve --config FILE --id ID [--data DIR]
        Approve a confirmed club (or let a suspended one in again): it gets
        a first room, its website may embed it, and the contact person gets
        the links and the two lines for the website by e-mail. Needs the
        config's publicOrigin.
  clubs reject --config FILE --id ID [--reason TEXT] [--data DIR]
  clubs suspend --config FILE --id ID --reason TEXT [--data DIR]
        Close an active club's rooms until it is approved again.
  clubs allow-origin --config FILE --id ID --origin ORIGIN [--data DIR]
  clubs refuse-origin --config FILE --id ID --origin ORIGIN [--reason TEXT] [--data DIR]
        Allow or refuse the other website a club asked for on its page (its
        contact person gets a mail).
  clubs delete --config FILE --id ID [--data DIR]
        Delete a club with its rooms, links and personal data.
  chat rotate-invite --config FILE --tenant T
        Make a new invite link for the tenant's Mattermost team (after an
        event, say): the old link stops working. Prints the new link.
  chat create-bot --url URL --team TEAM [--username NAME] [--admin-token-env VAR]
        Set up the bot account the server helper acts as on Mattermost:
        creates it, makes it an admin of the team and prints its access
        token once (put it into the variable that tokenEnv names). Needs a
        system admin's access token in $VAR (default MATTERMOST_ADMIN_TOKEN).

Secrets (BigBlueButton secret, Jitsi app secret, Mattermost bot token,
access codes, admin token) come from the environment variables that the
config file names.`;
