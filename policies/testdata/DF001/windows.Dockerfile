# escape=`
# want "DF001" col=1
FROM mcr.microsoft.com/windows/servercore:ltsc2022
RUN powershell -Command `
    Write-Output hello
CMD ["cmd", "/c", "echo hi"]
