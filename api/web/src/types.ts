// The objects of shared/API.md that the client reads.
export interface User {
  id: string; handle: string; displayName: string; bio?: string | null; avatarUrl?: string | null;
  university: string; major?: string | null; graduationYear?: number | null;
  followersCount: number; followingCount: number; postsCount: number; createdAt: string;
  isFollowing?: boolean; followsYou?: boolean; isBlocked?: boolean; isMuted?: boolean;
  /** Posts for approved followers only; following takes a request. */
  locked?: boolean; followRequested?: boolean;
  /** An erased account ("Deleted account", no handle): only the messages it sent still show it. */
  deleted?: boolean;
}
export interface Me extends User {
  email: string; emailVerified: boolean; roles: string[];
  standing: "active" | "limited" | "suspended" | "banned"; standingUntil?: string | null;
  defaultAudience?: Audience;
}
export interface AuthResponse { user: Me; accessToken: string; refreshToken: string; expiresIn: number; deletionCancelled?: boolean; }
/** A copy of one's data (API.md "Privacy and account control"). */
export interface DataExport {
  id: string; status: "pending" | "ready" | "failed" | "expired"; url: string | null;
  requestedAt: string; readyAt: string | null; expiresAt: string | null; bytes: number | null;
}
export type Audience = "public" | "campus" | "followers";
export interface Media { id: string; url: string; contentType: string; width: number; height: number; bytes: number; feedUrl?: string; }
export interface Post {
  id: string; author: User; text: string; hashtags: string[]; mentions: string[]; media: Media[];
  replyToId?: string | null; repostOfId?: string | null; repostOf?: Post | null; createdAt: string; editedAt?: string | null;
  likeCount: number; replyCount: number; repostCount: number; likedByMe: boolean; repostedByMe: boolean;
  /** The reader's warn filters this post matched. */
  filtered?: { filterId: string; phrase: string }[];
  audience?: Audience; bookmarkedByMe?: boolean;
}
export interface Page<T> { items: T[]; nextCursor: string | null; }
export interface Message {
  id: string; conversationId: string; seq: number; sender: User; text: string; clientMessageId: string;
  sentAt: string; editedAt?: string | null; deleted: boolean;
  /** API.md "Chat essentials". */
  replyTo?: { seq: number; text: string; sender: User; deleted: boolean } | null;
  media?: Media[]; reactions?: { emoji: string; count: number; reactedByMe: boolean }[]; pinned?: boolean;
}
export interface Conversation {
  id: string; kind: "direct" | "group"; title?: string | null; members: User[]; admins: string[];
  lastMessage: Message | null; unreadCount: number; lastReadSeq: number; createdAt: string; updatedAt: string;
  receipts?: { userId: string; deliveredSeq: number; readSeq: number }[];
  /** Muted for the signed-in member until then (year 9999: until they unmute). */
  mutedUntil?: string | null;
}
export interface Receipt { conversationId: string; userId: string; kind?: string; seq: number; }
export interface Notification { id: string; type: string; actor: User; post: Post | null; createdAt: string; read: boolean; decision?: Decision | null; }
export interface Problem { title?: string; detail?: string; code?: string; errors?: Record<string, string[]>; }

// Trust and safety
export type SubjectKind = "post" | "message" | "user" | "conversation";
export interface Subject { kind: SubjectKind; id: string; }
export interface Appeal { text: string; status: "pending" | "upheld" | "overturned"; createdAt: string; decidedAt?: string | null; reason?: string | null; }
export interface Decision {
  id: string; user: User; action: string; reason: string; until?: string | null; reportId?: string | null; createdAt: string;
  appeal: Appeal | null; appealable: boolean; moderatorId?: string; removedSubject?: Subject | null;
}
export interface Report {
  id: string; subject: Subject; category: string; comment: string; status: "open" | "assigned" | "resolved";
  assignee: User | null; resolution: Decision | null; createdAt: string; resolvedAt?: string | null;
  reporter?: User | null; reportedUser?: User | null; ruleId?: string | null;
  snapshot: { text?: string | null; media: Media[]; conversationId?: string | null; writtenAt?: string | null };
}
export interface ReportCase { report: Report; earlierDecisions: Decision[]; otherOpenReports: Report[]; }
export interface AuditEntry { id: string; moderator: User; action: string; target: string; reason: string; createdAt: string; }
export interface KeywordFilter { id: string; phrase: string; wholeWord: boolean; contexts: string[]; action: "hide" | "warn"; expiresAt?: string | null; createdAt: string; }
export interface KeywordRule { id: string; phrase: string; wholeWord: boolean; action: "block" | "report"; createdBy: User | null; createdAt: string; }
