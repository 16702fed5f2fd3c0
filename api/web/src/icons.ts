// Icons from Lucide (a maintained SVG icon set, ISC licence), imported one by one so the bundle
// carries only the ones used. Drawn with currentColor, so they follow the text and the theme;
// never emoji, which a phone may lack the font for.
import {
  ArrowDown, Bell, BellOff, Bookmark, Check, CheckCheck, ChevronLeft, ChevronRight, CircleAlert, Clock, Compass, createElement,
  Download, Ellipsis, Eye, FaceSlightlySmilingPlus, Flag, Funnel, Globe, Hash, Heart, House, Image, ImagePlus, Inbox, Lock,
  LogOut, MessageCircle, MessagesSquare, Monitor, Moon, Pencil, Pin, Plus, Repeat2, Reply, RefreshCw, RotateCcwClock, Scale,
  School, Search, Send, Settings, Shield, SquarePen, Sun, Trash, TriangleAlert, UserRound, Users, UserX, WifiOff, X,
} from "lucide";

const icons = {
  arrowDown: ArrowDown, bell: Bell, bellOff: BellOff, bookmark: Bookmark, check: Check, checkCheck: CheckCheck, back: ChevronLeft,
  next: ChevronRight, alert: CircleAlert, clock: Clock, explore: Compass, download: Download, more: Ellipsis, eye: Eye,
  smile: FaceSlightlySmilingPlus, flag: Flag, filter: Funnel, globe: Globe, hash: Hash, heart: Heart, home: House, image: Image,
  imagePlus: ImagePlus, inbox: Inbox, lock: Lock, signOut: LogOut, chat: MessageCircle, chats: MessagesSquare, system: Monitor,
  moon: Moon, edit: Pencil, pin: Pin, plus: Plus, repost: Repeat2, reply: Reply, retry: RefreshCw, history: RotateCcwClock,
  scale: Scale, campus: School, search: Search, send: Send, gear: Settings, shield: Shield, compose: SquarePen, sun: Sun,
  trash: Trash, warning: TriangleAlert, user: UserRound, users: Users, userX: UserX, offline: WifiOff, close: X,
};

export type IconName = keyof typeof icons;

/** An icon for use next to a visible label or inside a button with an aria-label (it is hidden from screen readers). */
export function icon(name: IconName, size = 18): SVGElement {
  return createElement(icons[name], { width: size, height: size, "aria-hidden": "true", focusable: "false", class: "icon-svg" });
}
