-- CreateTable
CREATE TABLE "NetworkSession" (
    "platform" "Platform" NOT NULL,
    "sealed" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "NetworkSession_pkey" PRIMARY KEY ("platform")
);
