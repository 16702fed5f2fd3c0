// The objects of shared/API.md that the client reads.
export interface User {
  id: string; handle: string; displayName: string; bio?: string | null; avatarUrl?: string | null;
  university: string; major?: string | null; graduationYear?: number | null;
  followersCount: number; followingCount: number; postsCount: number; createdAt: string;
  isFollowing?: boolean; followsYou?: boolean; isBlocked?: boolean; isMuted?: boolean;
}
export interface Me extends User { email: string; emailVerified: boolean; roles: string[]; }
export interface AuthResponse { user: Me; accessToken: string; refreshToken: string; expiresIn: number; }
export interface Media { id: string; url: string; contentType: string; width: number; height: number; bytes: number; feedUrl?: string; }
export interface Post {
  id: string; author: User; text: string; hashtags: string[]; mentions: string[]; media: Media[];
  replyToId?: string | null; repostOfId?: string | null; repostOf?: Post | null; createdAt: string; editedAt?: string | null;
  likeCount: number; replyCount: number; repostCount: number; likedByMe: boolean; repostedByMe: boolean;
}
export interface Page<T> { items: T[]; nextCursor: string | null; }
export interface Message {
  id: string; conversationId: string; seq: number; sender: User; text: string; clientMessageId: string;
  sentAt: string; editedAt?: string | null; deleted: boolean;
}
export interface Conversation {
  id: string; kind: "direct" | "group"; title?: string | null; members: User[]; admins: string[];
  lastMessage: Message | null; unreadCount: number; lastReadSeq: number; createdAt: string; updatedAt: string;
  receipts?: { userId: string; deliveredSeq: number; readSeq: number }[];
}
export interface Receipt { conversationId: string; userId: string; kind?: string; seq: number; }
export interface Notification { id: string; type: string; actor: User; post: Post | null; createdAt: string; read: boolean; }
export interface Problem { title?: string; detail?: string; code?: string; errors?: Record<string, string[]>; }
